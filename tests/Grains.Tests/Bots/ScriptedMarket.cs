using OrleansBots.Market;

namespace OrleansBots.Tests.Bots;

/// <summary>
/// A market that answers the prices it was given, in order, per symbol; a symbol without any is unavailable. It knows
/// its prices without waiting (<see cref="IMarketData.TryPriceNow"/>) only when <paramref name="knownAtOnce"/>.
/// </summary>
public sealed class ScriptedMarket(Dictionary<string, Queue<decimal>> prices, bool knownAtOnce = false) : IMarketData
{
    public ValueTask<decimal> PriceAsync(string symbol, DateTimeOffset at) =>
        prices.TryGetValue(symbol, out var queue) && queue.Count > 0
            ? ValueTask.FromResult(queue.Dequeue())
            : throw new MarketUnavailableException($"no price for {symbol}", TimeSpan.FromSeconds(1));

    public bool TryPriceNow(string symbol, DateTimeOffset at, out decimal price)
    {
        price = 0;
        return knownAtOnce && prices.TryGetValue(symbol, out var queue) && queue.TryDequeue(out price);
    }
}
