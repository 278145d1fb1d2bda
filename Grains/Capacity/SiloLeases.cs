using System.Collections.Concurrent;

namespace OrleansBots.Capacity;

/// <summary>
/// The running bots of this silo, whose leases the silo renews together (<see cref="SiloLeaseRenewal"/>). A bot adds
/// itself when it starts ticking and removes itself when it stops; an activation that went away without removing
/// itself (the runtime deactivated it) is dropped at the next snapshot, told by its deactivation task. Entries are
/// keyed by that task as well, so an old activation's removal never removes a newer activation's entry. Thread-safe.
/// </summary>
public sealed class SiloLeases
{
    private readonly ConcurrentDictionary<string, Task> _bots = new(StringComparer.Ordinal);

    public int Count => _bots.Count;

    /// <param name="deactivated">Completes when the bot's activation has deactivated.</param>
    public void Add(string botId, Task deactivated) => _bots[botId] = deactivated;

    public void Remove(string botId, Task deactivated) => _bots.TryRemove(KeyValuePair.Create(botId, deactivated));

    /// <summary>The bots whose leases to renew now; forgets those whose activation has deactivated.</summary>
    public string[] Snapshot()
    {
        var bots = new List<string>(_bots.Count);
        foreach (var (botId, deactivated) in _bots)
        {
            if (deactivated.IsCompleted)
            {
                Remove(botId, deactivated);
            }
            else
            {
                bots.Add(botId);
            }
        }

        return [.. bots];
    }
}
