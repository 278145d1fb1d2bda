namespace OrleansBots.Market;

/// <summary>Checks <see cref="MarketOptions"/> when the host starts; the message names the setting that is wrong.</summary>
public sealed class MarketOptionsValidator : IValidateOptions<MarketOptions>
{
    public ValidateOptionsResult Validate(string? name, MarketOptions options) =>
        Problem(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;

    /// <summary>The first thing wrong with <paramref name="options"/>, or null.</summary>
    public static string? Problem(MarketOptions options)
    {
        if (options.Step <= TimeSpan.Zero || options.Volatility is <= 0 or >= 1)
        {
            return "Market: Step must be positive and Volatility between 0 and 1";
        }

        if (!options.IsBinance && !string.Equals(options.Source, MarketOptions.Simulated, StringComparison.OrdinalIgnoreCase))
        {
            return $"Market: Source must be '{MarketOptions.Simulated}' or '{MarketOptions.Binance}', not '{options.Source}'";
        }

        if (!options.BaseUrl.IsAbsoluteUri || options.BaseUrl.Scheme is not ("http" or "https"))
        {
            return "Market: BaseUrl must be an absolute http or https address";
        }

        if (options.WeightPerMinute <= 0 || options.PriceTtlSeconds <= 0 || options.RequestTimeout <= TimeSpan.Zero || options.Retries < 0)
        {
            return "Market: WeightPerMinute, PriceTtlSeconds and RequestTimeout must be positive and Retries not negative";
        }

        return null;
    }
}
