using System.Text;

namespace OrleansBots.Silo.Api;

/// <summary>
/// The paging contract of list endpoints: <c>limit</c> (1..1000, default 100) and <c>cursor</c> (opaque: the
/// position after the last item of the previous page); answers carry <c>next_cursor</c>, null on the last page.
/// </summary>
public sealed record Paging(int Limit, string? After)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    private const int MaxCursorLength = 512;

    /// <summary>Reads <c>limit</c> and <c>cursor</c>; the error names the bad parameter.</summary>
    public static (Paging? Page, string? Error) Read(string? limit, string? cursor)
    {
        var count = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, out count) || count is < 1 or > MaxLimit))
        {
            return (null, $"limit must be a whole number between 1 and {MaxLimit} (got '{Shorten(limit)}')");
        }

        if (cursor is null)
        {
            return (new Paging(count, null), null);
        }

        return Decode(cursor) is { } after
            ? (new Paging(count, after), null)
            : (null, "cursor is not a cursor this endpoint gave out (pass next_cursor of the previous page unchanged)");
    }

    /// <summary>The page of <paramref name="keys"/> (sorted ordinally here) after the cursor, and the cursor of the next page.</summary>
    public (IReadOnlyList<string> Items, string? NextCursor) Apply(IEnumerable<string> keys)
    {
        var (items, continueAfter) = Ids.Page(keys, Limit, After);
        return (items, continueAfter is null ? null : Encode(continueAfter));
    }

    public static string Encode(string position) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(position)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string? Decode(string cursor)
    {
        if (cursor.Length is 0 or > MaxCursorLength)
        {
            return null;
        }

        var padded = cursor.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        var bytes = new byte[padded.Length];
        if (!Convert.TryFromBase64String(padded, bytes, out var written))
        {
            return null;
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
