using OrleansBots.Capacity;

namespace OrleansBots.Tests.Capacity;

public sealed class CapacityOptionsValidatorTests
{
    [Fact]
    public void TheDefaultsAreValid() => Assert.Null(CapacityOptionsValidator.Problem(new CapacityOptions()));

    [Fact]
    public void ALeaseShorterThanTwoRenewalsIsRefused()
    {
        var problem = CapacityOptionsValidator.Problem(new CapacityOptions { LeaseDuration = TimeSpan.FromSeconds(15), RenewInterval = TimeSpan.FromSeconds(10) });

        Assert.Contains("Capacity:LeaseDuration", problem);
    }

    [Fact]
    public void ALeaseThatIsNotPositiveIsRefused() =>
        Assert.Contains("Capacity:LeaseDuration", CapacityOptionsValidator.Problem(new CapacityOptions { LeaseDuration = TimeSpan.Zero }));

    [Fact]
    public void ARenewalBatchOfNoBotIsRefused() =>
        Assert.Contains("Capacity:RenewBatch", CapacityOptionsValidator.Problem(new CapacityOptions { RenewBatch = 0 }));

    [Fact]
    public void NoBotCallInFlightIsRefused() =>
        Assert.Contains("Capacity:BotCallsInFlight", CapacityOptionsValidator.Problem(new CapacityOptions { BotCallsInFlight = 0 }));

    [Fact]
    public void AConfiguredLimitOutOfItsRangeIsNamedByItsSetting()
    {
        var options = new CapacityOptions { ConfiguredLimits = PlatformLimits.Defaults with { AlertThreshold = 101 } };

        Assert.Equal("ALERT_THRESHOLD must be between 1 and 100 (got 101)", CapacityOptionsValidator.Problem(options));
    }
}
