namespace OrleansBots.Bots;

public enum BotKind
{
    /// <summary>Trades symbols of the market with a moving-average crossover strategy (paper trades).</summary>
    Trading,

    /// <summary>Answers its owner's messages (prices of its symbols, its status) while it runs.</summary>
    Chat,
}
