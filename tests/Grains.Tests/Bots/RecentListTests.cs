using OrleansBots.Bots;

namespace OrleansBots.Tests.Bots;

public sealed class RecentListTests
{
    [Fact]
    public void KeepsTheNewestItemsAndListsThemNewestFirst()
    {
        var items = new List<int>();
        for (var i = 1; i <= 5; i++)
        {
            RecentList.Append(items, i, kept: 3);
        }

        Assert.Equal([3, 4, 5], items);
        Assert.Equal([5, 4], RecentList.Latest(items, 2));
    }
}
