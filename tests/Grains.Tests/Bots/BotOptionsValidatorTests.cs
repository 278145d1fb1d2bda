using OrleansBots.Bots;

namespace OrleansBots.Tests.Bots;

public sealed class BotOptionsValidatorTests
{
    [Fact]
    public void TheDefaultsAreValid() => Assert.Null(BotOptionsValidator.Problem(new BotOptions()));

    [Theory]
    [InlineData("TradesKept")]
    [InlineData("SignalsKept")]
    [InlineData("MemoryHistoryMegabytes")]
    [InlineData("MaxConsecutiveTickFailures")]
    [InlineData("MinTickSeconds")]
    [InlineData("SaveInterval")]
    [InlineData("IdleCollectionAge")]
    public void ASettingThatIsNotPositiveIsNamedInTheProblem(string setting)
    {
        var options = new BotOptions();
        switch (setting)
        {
            case "TradesKept": options.TradesKept = 0; break;
            case "SignalsKept": options.SignalsKept = -1; break;
            case "MemoryHistoryMegabytes": options.MemoryHistoryMegabytes = 0; break;
            case "MaxConsecutiveTickFailures": options.MaxConsecutiveTickFailures = 0; break;
            case "MinTickSeconds": options.MinTickSeconds = 0; break;
            case "SaveInterval": options.SaveInterval = TimeSpan.Zero; break;
            default: options.IdleCollectionAge = TimeSpan.Zero; break;
        }

        var result = new BotOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1001)]
    public void ATickGridBelowZeroOrAboveASecondIsNamed(int milliseconds)
    {
        var problem = BotOptionsValidator.Problem(new BotOptions { TickGrid = TimeSpan.FromMilliseconds(milliseconds) });

        Assert.Contains("Bots:TickGrid", problem);
    }
}
