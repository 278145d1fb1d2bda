using OrleansBots.Capacity;

namespace OrleansBots.Tests.Capacity;

public sealed class CapacityLevelsTests
{
    [Theory]
    [InlineData(0, 200, CapacityStatus.Low)]
    [InlineData(99, 200, CapacityStatus.Low)]
    [InlineData(100, 200, CapacityStatus.Healthy)]
    [InlineData(159, 200, CapacityStatus.Healthy)]
    [InlineData(160, 200, CapacityStatus.Warning)]
    [InlineData(199, 200, CapacityStatus.Warning)]
    [InlineData(200, 200, CapacityStatus.Full)]
    [InlineData(250, 200, CapacityStatus.Full)]
    [InlineData(1999, 2000, CapacityStatus.Warning)]
    public void StatusFollowsTheContractThresholds(int current, int max, CapacityStatus expected)
    {
        Assert.Equal(expected, CapacityLevels.Snapshot(current, max).Status);
    }

    [Fact]
    public void SnapshotCarriesTheMonitoringNumbers()
    {
        var snapshot = CapacityLevels.Snapshot(150, 200);

        Assert.Equal(new CapacitySnapshot(150, 200, 75.0, 50, CapacityStatus.Healthy, true), snapshot);
    }

    [Fact]
    public void AnOverfullPlatformHasNoFreeSlotAndAcceptsNothing()
    {
        var snapshot = CapacityLevels.Snapshot(5, 3);

        Assert.Equal(0, snapshot.AvailableSlots);
        Assert.False(snapshot.CanAcceptNew);
        Assert.Equal(166.6, snapshot.PercentUsed);
    }

    [Theory]
    [InlineData(2499, 2500, 99.9, CapacityStatus.Warning)]
    [InlineData(1599, 2000, 79.9, CapacityStatus.Healthy)]
    [InlineData(1, 3, 33.3, CapacityStatus.Low)]
    public void ThePercentShownNeverReachesAThresholdTheStatusHasNot(int current, int max, double percent, CapacityStatus status)
    {
        var snapshot = CapacityLevels.Snapshot(current, max);

        Assert.Equal((percent, status, true), (snapshot.PercentUsed, snapshot.Status, snapshot.CanAcceptNew));
    }
}
