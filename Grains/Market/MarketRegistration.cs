using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansBots.Market.Egress;

namespace OrleansBots.Market;

public static class MarketRegistration
{
    /// <summary>
    /// Where prices come from (<c>Market</c> section): the simulated market or the exchange adapter, and the egress
    /// budget toward the exchange (<c>Egress</c> section), whose size follows <c>Market:WeightPerMinute</c>.
    /// </summary>
    public static IServiceCollection AddMarket(this IServiceCollection services)
    {
        services.AddCheckedOptions<MarketOptions, MarketOptionsValidator>(MarketOptions.Section);

        // The market's weight first, so that an explicit Egress:Budget still wins.
        services.AddOptions<EgressOptions>().Configure<IOptions<MarketOptions>>((egress, market) => egress.Budget = market.Value.WeightPerMinute);
        services.AddCheckedOptions<EgressOptions, EgressOptionsValidator>(EgressOptions.Section);
        services.TryAddSingleton<EgressBudget>();
        services.TryAddSingleton<MarketInstruments>();
        services.TryAddSingleton<IMarketData>(provider => provider.GetRequiredService<IOptions<MarketOptions>>().Value.IsBinance
            ? ActivatorUtilities.CreateInstance<BinanceMarket>(provider)
            : ActivatorUtilities.CreateInstance<SimulatedMarket>(provider));
        return services;
    }
}
