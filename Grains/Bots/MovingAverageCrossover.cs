namespace OrleansBots.Bots;

/// <summary>
/// Moving-average crossover on one symbol: buy when the short average crosses above the long one while
/// flat, sell when it crosses below while holding. The price window and position are its whole state.
/// </summary>
public sealed class MovingAverageCrossover
{
    private readonly int _shortWindow;
    private readonly int _longWindow;
    private readonly List<decimal> _prices;

    /// <summary>
    /// Works on <paramref name="prices"/> in place, sized here once for the long window and the price being added. Grown
    /// by the list itself (4, 8, 16, 32 over a bot's first 17 ticks; 20 to 40 on its first tick after a restore), every
    /// bot's new array outlived the young collections: after 100,000 starts those copied 2–5 MB each and paused
    /// 7–60 ms for a minute and a half.
    /// </summary>
    public MovingAverageCrossover(int shortWindow, int longWindow, List<decimal> prices, bool holding)
    {
        (_shortWindow, _longWindow, _prices, Holding) = (shortWindow, longWindow, prices, holding);
        prices.Capacity = Math.Max(prices.Count, longWindow + 1);
    }

    public IReadOnlyList<decimal> Prices => _prices;

    public bool Holding { get; private set; }

    public CrossoverDecision Observe(decimal price)
    {
        var wasAbove = _prices.Count >= _longWindow ? ShortAboveLong() : (bool?)null;
        _prices.Add(price);
        if (_prices.Count > _longWindow)
        {
            _prices.RemoveRange(0, _prices.Count - _longWindow);
        }

        if (wasAbove is null || _prices.Count < _longWindow)
        {
            return CrossoverDecision.Hold;
        }

        var isAbove = ShortAboveLong();
        if (isAbove && !wasAbove.Value && !Holding)
        {
            return CrossoverDecision.Buy;
        }

        return !isAbove && wasAbove.Value && Holding ? CrossoverDecision.Sell : CrossoverDecision.Hold;
    }

    /// <summary>Called once the decided trade was recorded, so a refused trade leaves the position unchanged.</summary>
    public void Filled(CrossoverDecision decision) => Holding = decision == CrossoverDecision.Buy;

    // Every running bot does this for each of its symbols on every tick: a plain loop, where LINQ's enumerators
    // allocated. The sums add in the same order and divide the same way as Enumerable.Average, so the decisions are the same.
    private bool ShortAboveLong()
    {
        var (shortSum, longSum) = (0m, 0m);
        var shortStart = _prices.Count - _shortWindow;
        for (var i = 0; i < _prices.Count; i++)
        {
            longSum += _prices[i];
            if (i >= shortStart)
            {
                shortSum += _prices[i];
            }
        }

        return shortSum / _shortWindow > longSum / _prices.Count;
    }
}
