namespace OrleansBots.Bots;

public enum BotKind
{
    /// <summary>Trades symbols of the market with a moving-average crossover strategy (paper trades).</summary>
    Trading,
}
