using OrleansBots.Capacity;

namespace OrleansBots.Tests.Capacity;

public sealed class CapacityAlarmTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RaisesEachThresholdOncePerCrossing()
    {
        var alarm = new CapacityAlarm();

        Assert.Empty(alarm.Observe(79, 100, 80, Now));
        Assert.Equal([80], alarm.Observe(80, 100, 80, Now).Select(a => a.ThresholdPercent));
        Assert.Empty(alarm.Observe(85, 100, 80, Now));
        Assert.Equal([95, 100], alarm.Observe(100, 100, 80, Now).Select(a => a.ThresholdPercent));
        Assert.Empty(alarm.Observe(100, 100, 80, Now));
    }

    [Fact]
    public void FallingBelowAThresholdArmsItAgain()
    {
        var alarm = new CapacityAlarm();
        alarm.Observe(80, 100, 80, Now);

        Assert.Empty(alarm.Observe(79, 100, 80, Now));
        var again = alarm.Observe(81, 100, 80, Now);

        Assert.Equal(80, Assert.Single(again).ThresholdPercent);
    }

    [Fact]
    public void TheFirstThresholdIsTheConfiguredAlertThreshold()
    {
        var alarm = new CapacityAlarm();

        var alerts = alarm.Observe(70, 100, 60, Now);

        Assert.Equal(60, Assert.Single(alerts).ThresholdPercent);
        Assert.Contains("70/100", alerts[0].Message);
    }

    [Fact]
    public void ChangingTheAlertThresholdDoesNotRaiseAgainWhatWasRaised()
    {
        var alarm = new CapacityAlarm();
        alarm.Observe(100, 100, 80, Now);

        Assert.Empty(alarm.Observe(100, 100, 100, Now));
        Assert.Empty(alarm.Observe(100, 100, 80, Now));
    }

    [Fact]
    public void RestoredThresholdsAreNotRaisedAgain()
    {
        var alarm = new CapacityAlarm();
        alarm.Restore([80]);

        Assert.Empty(alarm.Observe(90, 100, 80, Now));
    }
}
