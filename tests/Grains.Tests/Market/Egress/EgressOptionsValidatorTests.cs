using OrleansBots.Market.Egress;

namespace OrleansBots.Tests.Market.Egress;

public sealed class EgressOptionsValidatorTests
{
    [Fact]
    public void TheDefaultsAreValid() => Assert.Null(EgressOptionsValidator.Problem(new EgressOptions()));

    [Theory]
    [InlineData("Budget")]
    [InlineData("DecreaseFactor")]
    [InlineData("LeaseFraction")]
    [InlineData("BackoffMax")]
    public void AnInvalidSettingIsNamedInTheProblem(string setting)
    {
        var options = new EgressOptions();
        switch (setting)
        {
            case "Budget": options.Budget = 0; break;
            case "DecreaseFactor": options.DecreaseFactor = 2; break;
            case "LeaseFraction": options.LeaseFraction = 1.5; break;
            default: options.BackoffMax = TimeSpan.FromSeconds(1); break;
        }

        Assert.Contains(setting, EgressOptionsValidator.Problem(options));
    }
}
