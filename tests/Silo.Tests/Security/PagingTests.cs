using OrleansBots.Silo.Api;

namespace OrleansBots.Silo.Tests.Security;

public sealed class PagingTests
{
    [Fact]
    public void PagesFollowOneAnotherUntilTheLastHasNoNextCursor()
    {
        var keys = Enumerable.Range(0, 7).Select(i => $"bot_{i}").Reverse().ToList();
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var (page, error) = Paging.Read("3", cursor);
            Assert.Null(error);
            var (items, next) = page!.Apply(keys);
            seen.AddRange(items);
            cursor = next;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(keys.Order(StringComparer.Ordinal), seen);
    }

    [Theory]
    [InlineData("0", null, "limit")]
    [InlineData("1001", null, "limit")]
    [InlineData("abc", null, "limit")]
    [InlineData(null, "!!!", "cursor")]
    [InlineData(null, "7w", "cursor")]
    public void ABadLimitOrCursorIsNamed(string? limit, string? cursor, string named)
    {
        var (page, error) = Paging.Read(limit, cursor);

        Assert.Null(page);
        Assert.StartsWith(named, error);
    }
}
