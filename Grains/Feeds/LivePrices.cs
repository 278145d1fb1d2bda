using System.Collections.Concurrent;

namespace OrleansBots.Feeds;

/// <summary>This silo's latest streamed price per symbol, written by its <see cref="PriceListenerGrain"/>, read by every bot on the silo. Thread-safe.</summary>
public sealed class LivePrices
{
    private readonly ConcurrentDictionary<string, (decimal Price, DateTimeOffset At)> _prices = new(StringComparer.Ordinal);

    public void Set(MarketTick tick) => _prices.AddOrUpdate(tick.Symbol, (tick.Price, tick.At), (_, old) => tick.At >= old.At ? (tick.Price, tick.At) : old);

    /// <summary>The latest price of <paramref name="symbol"/> if it is no older than <paramref name="freshness"/> at <paramref name="now"/>.</summary>
    public decimal? Fresh(string symbol, DateTimeOffset now, TimeSpan freshness) =>
        _prices.TryGetValue(symbol, out var latest) && now - latest.At <= freshness ? latest.Price : null;
}
