using OrleansBots.Bots;

namespace OrleansBots.Chat;

/// <summary>
/// A chat bot's connection to its channel (key: the bot id). The activation owns the one WebSocket of the bot in the
/// whole cluster: Orleans keeps one activation per key, and when its silo dies the bot's grain calls
/// <see cref="Keep"/> again from a surviving silo, which opens the connection there.
/// </summary>
[Alias("OrleansBots.IChatLinkGrain")]
public interface IChatLinkGrain : IGrainWithStringKey
{
    /// <summary>Stores the channel, the account and its token (encrypted), and the bot's own model endpoints; reconnects when open.</summary>
    [Alias("Configure")]
    Task<ChatLinkView> Configure(ChatLinkSettings settings);

    /// <summary>The settings without secrets and the connection's state; null when the bot has no chat settings.</summary>
    [Alias("GetView"), ReadOnly]
    Task<ChatLinkView?> GetView();

    /// <summary>Called by the running bot (at start, on resume and with each lease renewal): opens the connection if it is not open.</summary>
    [Alias("Keep")]
    Task Keep(BotInfo bot);

    /// <summary>Called when the bot stops, fails or is deleted: leaves the channel and closes the connection.</summary>
    [Alias("Close")]
    Task Close();

    /// <summary>Forgets the settings and the secrets (the bot was deleted).</summary>
    [Alias("Forget")]
    Task Forget();
}
