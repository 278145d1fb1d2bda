namespace OrleansBots.Bots;

/// <summary>
/// Moving-average crossover on one symbol: buy when the short average crosses above the long one while
/// flat, sell when it crosses below while holding. The price window and position are its whole state.
/// </summary>
public sealed class MovingAverageCrossover(int shortWindow, int longWindow, List<decimal> prices, bool holding)
{
    public IReadOnlyList<decimal> Prices => prices;

    public bool Holding { get; private set; } = holding;

    public CrossoverDecision Observe(decimal price)
    {
        var wasAbove = prices.Count >= longWindow ? ShortAboveLong() : (bool?)null;
        prices.Add(price);
        if (prices.Count > longWindow)
        {
            prices.RemoveRange(0, prices.Count - longWindow);
        }

        if (wasAbove is null || prices.Count < longWindow)
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
        var shortStart = prices.Count - shortWindow;
        for (var i = 0; i < prices.Count; i++)
        {
            longSum += prices[i];
            if (i >= shortStart)
            {
                shortSum += prices[i];
            }
        }

        return shortSum / shortWindow > longSum / prices.Count;
    }
}
