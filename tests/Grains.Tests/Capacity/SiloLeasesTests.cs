using OrleansBots.Capacity;

namespace OrleansBots.Tests.Capacity;

public sealed class SiloLeasesTests
{
    private static readonly Task Active = new TaskCompletionSource().Task;

    [Fact]
    public void ABotThatStoppedIsNoLongerInTheSilosSummary()
    {
        var leases = new SiloLeases();
        leases.Add("b1", Active);
        leases.Add("b2", Active);

        leases.Remove("b1", Active);

        Assert.Equal(["b2"], leases.Snapshot());
    }

    [Fact]
    public void AnActivationDeactivatedWithoutRemovingItselfIsDroppedAtTheNextSummary()
    {
        var leases = new SiloLeases();
        var deactivated = new TaskCompletionSource();
        leases.Add("b1", deactivated.Task);
        leases.Add("b2", Active);

        deactivated.SetResult();

        Assert.Equal(["b2"], leases.Snapshot());
        Assert.Equal(1, leases.Count);
    }

    [Fact]
    public void AnOldActivationsRemovalLeavesTheNewActivationOfTheSameBotInTheSummary()
    {
        var leases = new SiloLeases();
        var old = new TaskCompletionSource();
        leases.Add("b1", old.Task);
        leases.Add("b1", Active);

        leases.Remove("b1", old.Task);

        Assert.Equal(["b1"], leases.Snapshot());
    }
}
