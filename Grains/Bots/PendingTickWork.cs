namespace OrleansBots.Bots;

/// <summary>What of a due tick is left for the bot's tick-work turn (see <see cref="BotGrain"/>).</summary>
public enum PendingTickWork
{
    None,

    /// <summary>Nothing ran yet: a price has to be fetched.</summary>
    WholeTick,

    /// <summary>A tick held past the driver's thread (a trade made off the bot's turns) ended so that the bot is to stop or fail.</summary>
    HeldTickEnded,
}
