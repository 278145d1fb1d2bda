using OrleansBots.Capacity;

namespace OrleansBots.Tests.Capacity;

public sealed class UserBotLimitsTests
{
    [Fact]
    public void AUserWithoutAnOwnLimitHasNoneAndSettingOneReturnsTheOneItReplaced()
    {
        var limits = new UserBotLimits();

        Assert.Null(limits.Of("alice"));
        Assert.Null(limits.Set("alice", 3));
        Assert.Equal(3, limits.Of("alice"));
        Assert.Equal(3, limits.Set("alice", 5));
        Assert.Equal(5, limits.Set("alice", null));
        Assert.Null(limits.Of("alice"));
        Assert.Equal(0, limits.Count);
    }

    [Fact]
    public void ACopyIsWhatARestoreTakesBack()
    {
        var limits = new UserBotLimits();
        limits.Set("alice", 3);
        limits.Set("bob", 7);

        var restored = new UserBotLimits();
        restored.Restore(limits.Copy());
        limits.Set("alice", null);

        Assert.Equal((3, 7, 2), (restored.Of("alice"), restored.Of("bob"), restored.Count));
    }
}
