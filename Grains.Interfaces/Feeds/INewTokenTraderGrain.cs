using OrleansBots.Bots;

namespace OrleansBots.Feeds;

/// <summary>
/// The new-token strategy of one bot (key: the bot id): subscribed to the new-token stream while the bot runs, it
/// turns tokens that pass its filter into the bot's signals, at most <c>MAX_SIGNALS_PER_MINUTE</c> per user.
/// </summary>
[Alias("OrleansBots.INewTokenTraderGrain")]
public interface INewTokenTraderGrain : IGrainWithStringKey
{
    /// <summary>Subscribes (once) for the running bot.</summary>
    [Alias("Keep")]
    Task Keep(BotInfo bot);

    /// <summary>Unsubscribes: the bot stopped.</summary>
    [Alias("Close")]
    Task Close();
}
