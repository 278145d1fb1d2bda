using OrleansBots.Market;

namespace OrleansBots.Tests.Market;

public sealed class MarketOptionsValidatorTests
{
    [Fact]
    public void TheDefaultsAreValid() => Assert.Null(MarketOptionsValidator.Problem(new MarketOptions()));

    [Theory]
    [InlineData("Source")]
    [InlineData("BaseUrl")]
    [InlineData("PriceTtlSeconds")]
    [InlineData("Volatility")]
    [InlineData("Retries")]
    public void AnInvalidSettingIsNamedInTheProblem(string setting)
    {
        var options = new MarketOptions();
        switch (setting)
        {
            case "Source": options.Source = "coinbase"; break;
            case "BaseUrl": options.BaseUrl = new Uri("ftp://example.com"); break;
            case "PriceTtlSeconds": options.PriceTtlSeconds = 0; break;
            case "Volatility": options.Volatility = 1; break;
            default: options.Retries = -1; break;
        }

        Assert.Contains(setting, MarketOptionsValidator.Problem(options));
    }
}
