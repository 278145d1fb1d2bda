using OrleansBots.Hardware;

namespace OrleansBots.Tests.Hardware;

public sealed class RebalanceOptionsValidatorTests
{
    [Fact]
    public void TheDefaultsAreValid() => Assert.Null(RebalanceOptionsValidator.Problem(new RebalanceOptions()));

    [Theory]
    [InlineData("Interval")]
    [InlineData("SettleTime")]
    [InlineData("Tolerance")]
    [InlineData("MinimumExcess")]
    [InlineData("MaxMovesPerRound")]
    public void AWrongSettingIsNamed(string setting)
    {
        var options = setting switch
        {
            "Interval" => new RebalanceOptions { Interval = TimeSpan.FromMilliseconds(10) },
            "SettleTime" => new RebalanceOptions { SettleTime = TimeSpan.FromSeconds(-1) },
            "Tolerance" => new RebalanceOptions { Tolerance = 2 },
            "MinimumExcess" => new RebalanceOptions { MinimumExcess = 0 },
            _ => new RebalanceOptions { MaxMovesPerRound = 0 },
        };

        Assert.StartsWith($"Rebalancing:{setting} ", RebalanceOptionsValidator.Problem(options));
    }
}
