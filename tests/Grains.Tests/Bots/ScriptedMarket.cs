using OrleansBots.Market;

namespace OrleansBots.Tests.Bots;

/// <summary>A market that answers the prices it was given, in order, per symbol; a symbol without any is unavailable.</summary>
public sealed class ScriptedMarket(Dictionary<string, Queue<decimal>> prices) : IMarketData
{
    public ValueTask<decimal> PriceAsync(string symbol, DateTimeOffset at) =>
        prices.TryGetValue(symbol, out var queue) && queue.Count > 0
            ? ValueTask.FromResult(queue.Dequeue())
            : throw new MarketUnavailableException($"no price for {symbol}", TimeSpan.FromSeconds(1));
}
