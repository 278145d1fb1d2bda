namespace OrleansBots.Bots;

/// <summary>
/// What the bot's companion grains did on its behalf (the chat link's replies on its channel, the new-token trader's
/// signals) becomes the bot's output like its own: stored in its history before its state, then published as events.
/// </summary>
public sealed partial class BotGrain
{
    public Task AddSignals(IReadOnlyList<Signal> signals) => AddOutputAsync(signals, signal =>
    {
        _unsaved.Signal(Bot, signal);
        Events.Signal(signal);
    });

    public Task AddReplies(IReadOnlyList<ChatReply> replies) => AddOutputAsync(replies, reply =>
    {
        _unsaved.Reply(Bot, reply);
        Events.Reply(reply);
    });

    private async Task AddOutputAsync<T>(IReadOnlyList<T> items, Action<T> add)
    {
        if (!Exists || items.Count == 0)
        {
            return;
        }

        foreach (var item in items)
        {
            add(item);
        }

        await SaveAsync();
        await Events.FlushAsync();
    }
}
