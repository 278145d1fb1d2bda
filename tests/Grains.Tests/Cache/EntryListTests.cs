using OrleansBots.Cache;

namespace OrleansBots.Tests.Cache;

public sealed class EntryListTests
{
    [Fact]
    public void EntriesStayInTheOrderTheyWereAddedAndMovedThroughRemovalsAtEitherEndAndInTheMiddle()
    {
        var list = new EntryList();
        var entries = Enumerable.Range(0, 6).Select(i => new CacheEntry($"k{i}")).ToArray();
        foreach (var entry in entries)
        {
            list.AddLast(entry);
        }

        list.Remove(entries[0]);
        list.Remove(entries[5]);
        list.Remove(entries[2]);
        list.MoveToLast(entries[1]);

        Assert.Equal(["k3", "k4", "k1"], KeysOf(list));
        Assert.Equal(["k1", "k4", "k3"], KeysBackwards(list));
        Assert.Equal(3, list.Count);
        Assert.Null(entries[2].Previous);
        Assert.Null(entries[2].Next);
    }

    [Fact]
    public void MovingTheLastEntryToTheBackChangesNothing()
    {
        var list = new EntryList();
        var (a, b) = (new CacheEntry("a"), new CacheEntry("b"));
        list.AddLast(a);
        list.AddLast(b);

        list.MoveToLast(b);

        Assert.Equal(["a", "b"], KeysOf(list));
        Assert.Equal(2, list.Count);
    }

    [Fact]
    public void TheFirstEntryOtherThanTheSparedOneIsTheSecondWhenTheFirstIsSpared()
    {
        var list = new EntryList();
        Assert.Null(list.FirstExcept(null));
        var (a, b) = (new CacheEntry("a"), new CacheEntry("b"));
        list.AddLast(a);

        Assert.Null(list.FirstExcept(a));
        list.AddLast(b);
        Assert.Same(b, list.FirstExcept(a));
        Assert.Same(a, list.FirstExcept(b));
    }

    [Fact]
    public void RemovingTheOnlyEntryLeavesAnEmptyListThatTakesNewEntries()
    {
        var list = new EntryList();
        var only = new CacheEntry("only");
        list.AddLast(only);

        list.Remove(only);

        Assert.Null(list.First);
        Assert.Null(list.Last);
        Assert.Equal(0, list.Count);
        list.AddLast(only);
        Assert.Equal(["only"], KeysOf(list));
    }

    [Fact]
    public void RemovingAnEntryThatIsNotInTheListFailsAndLeavesTheListAsItWas()
    {
        var list = new EntryList();
        var (a, b, stranger) = (new CacheEntry("a"), new CacheEntry("b"), new CacheEntry("stranger"));
        list.AddLast(a);
        list.AddLast(b);

        Assert.Throws<InvalidOperationException>(() => list.Remove(stranger));
        list.Remove(b);
        Assert.Throws<InvalidOperationException>(() => list.Remove(b));

        Assert.Equal(["a"], KeysOf(list));
        Assert.Equal(1, list.Count);
    }

    private static List<string> KeysOf(EntryList list)
    {
        var keys = new List<string>();
        for (var entry = list.First; entry is not null; entry = entry.Next)
        {
            keys.Add(entry.Key);
        }

        return keys;
    }

    private static List<string> KeysBackwards(EntryList list)
    {
        var keys = new List<string>();
        for (var entry = list.Last; entry is not null; entry = entry.Previous)
        {
            keys.Add(entry.Key);
        }

        return keys;
    }
}
