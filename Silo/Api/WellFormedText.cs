using System.Buffers;
using System.Text;

namespace OrleansBots.Silo.Api;

/// <summary>
/// Text from a path, a query or a JSON string may hold a lone surrogate (<c>%ED%A0%80</c>, <c>"\ud800"</c>). Stored or
/// hashed as UTF-8 it would become U+FFFD, so two different inputs would mean the same thing: such text is refused.
/// </summary>
public static class WellFormedText
{
    public static bool IsValid(string? text)
    {
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out _, out var used) != OperationStatus.Done)
            {
                return false;
            }

            rest = rest[used..];
        }

        return true;
    }
}
