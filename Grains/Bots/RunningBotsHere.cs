using System.Collections.Concurrent;

namespace OrleansBots.Bots;

/// <summary>
/// The running bots whose activations live on this silo, one registry for both uses: the silo renews their capacity
/// leases together (<c>SiloLeaseRenewal</c>), and a silo that stops hands them over (<c>BotHandover</c>). A bot adds
/// itself when its timers start (start, resume, arrival by migration) and removes itself when they stop or it
/// deactivates; an activation that went away without removing itself is dropped at the next walk (a snapshot, or lease
/// renewal's batches), told by its deactivation task. Entries are keyed by bot and matched by activation, so an old activation's removal never removes
/// a newer activation's entry. Orleans keeps its own list of activations internal. Thread-safe.
/// </summary>
public sealed class RunningBotsHere
{
    private readonly ConcurrentDictionary<string, IGrainContext> _bots = new(StringComparer.Ordinal);

    /// <summary>
    /// How many bots run here, without asking any activation whether it still lives: an activation gone without
    /// removing itself is counted until the next walk over the registry (lease renewal's, every renew interval). A walk
    /// asks each of the 100,000 activations, which Orleans answers under the activation's lock (building its deactivation
    /// task the first time); done in one piece for a count, it held a thread for 20-150 ms every round.
    /// </summary>
    public int Count => _bots.Count;

    /// <summary>
    /// Set when the silo stops and its time for saving bots is up (<c>BotHandover</c>): bots deactivated after that keep
    /// their last save rather than each write, and fail, after the deadline.
    /// </summary>
    public bool SavingStopped { get; private set; }

    public void StopSaving() => SavingStopped = true;

    public void Add(string botId, IGrainContext activation) => _bots[botId] = activation;

    public void Remove(string botId, IGrainContext activation) => _bots.TryRemove(KeyValuePair.Create(botId, activation));

    /// <summary>The bots running here now, by id; forgets those whose activation has deactivated.</summary>
    public IReadOnlyList<(string BotId, IGrainContext Activation)> Snapshot()
    {
        var bots = new List<(string, IGrainContext)>(_bots.Count);
        bots.AddRange(Live());
        return bots;
    }

    /// <summary>
    /// The ids of the bots running here now, <paramref name="size"/> at a time (the last batch may be shorter); forgets
    /// those whose activation has deactivated. Each batch is a new array, small enough to stay out of the large object
    /// heap at the sizes the silo asks for, where one array of every id would land.
    /// </summary>
    public IEnumerable<string[]> IdsInBatches(int size) => Live().Select(bot => bot.BotId).Chunk(size);

    // The one walk over the registry: an activation gone without removing itself is removed as it is passed.
    private IEnumerable<(string BotId, IGrainContext Activation)> Live()
    {
        foreach (var (botId, activation) in _bots)
        {
            if (activation.Deactivated.IsCompleted)
            {
                Remove(botId, activation);
            }
            else
            {
                yield return (botId, activation);
            }
        }
    }
}
