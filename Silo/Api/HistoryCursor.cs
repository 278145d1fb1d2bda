using System.Buffers.Text;
using System.Text;

namespace OrleansBots.Silo.Api;

/// <summary>
/// The opaque <c>cursor</c> / <c>next_cursor</c> of a bot's history pages (trades, signals, replies): it names the
/// position after the last item returned, so the next page starts with the next older item whatever was added since.
/// Opaque to clients so the position can change form without breaking them.
/// </summary>
public static class HistoryCursor
{
    private const string Prefix = "h1:";

    public static string? Encode(long? before) =>
        before is { } seq ? Base64Url.EncodeToString(Encoding.ASCII.GetBytes($"{Prefix}{seq}")) : null;

    /// <summary>The position a cursor names; false for text that no page ever gave.</summary>
    public static bool TryDecode(string cursor, out long before)
    {
        before = 0;
        if (cursor.Length > 64 || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
        return text.StartsWith(Prefix, StringComparison.Ordinal) && long.TryParse(text.AsSpan(Prefix.Length), out before) && before > 0;
    }
}
