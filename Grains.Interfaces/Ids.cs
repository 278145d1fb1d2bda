using System.Text.RegularExpressions;

namespace OrleansBots;

/// <summary>The shape of user and bot ids: 1–64 letters, digits, '_' or '-'.</summary>
public static partial class Ids
{
    public const int MaxLength = 64;

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    public static string NewBotId() => "bot_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));

    /// <summary>
    /// A page of <paramref name="ids"/> in ordinal order after <paramref name="after"/> (from the start when null):
    /// at most <paramref name="limit"/> ids, and the last of them when more follow (else null).
    /// </summary>
    public static (IReadOnlyList<string> Items, string? ContinueAfter) Page(IEnumerable<string> ids, int limit, string? after)
    {
        var items = ids.Order(StringComparer.Ordinal).Where(id => after is null || string.CompareOrdinal(id, after) > 0).Take(limit + 1).ToList();
        if (items.Count <= limit)
        {
            return (items, null);
        }

        items.RemoveAt(limit);
        return (items, items[^1]);
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}\z")]
    private static partial Regex Pattern();
}
