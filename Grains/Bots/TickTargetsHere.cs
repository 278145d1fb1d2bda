using System.Collections.Concurrent;

namespace OrleansBots.Bots;

/// <summary>
/// The activations on this silo of the grains a running bot's tick waits for besides itself: users (a trade is counted
/// by its user). A silo that stops hands them over with its bots (<c>BotHandover</c>): left to Orleans' own stop they
/// went away only late in it, and the ticks of bots on the other silos whose user lived here waited for them. Each adds itself when it activates and removes itself when it deactivates; entries are matched by
/// activation, so an old activation's removal never removes a newer one's. Thread-safe.
/// </summary>
public sealed class TickTargetsHere
{
    private readonly ConcurrentDictionary<GrainId, IGrainContext> _activations = new();

    public void Add(IGrainContext activation) => _activations[activation.GrainId] = activation;

    public void Remove(IGrainContext activation) => _activations.TryRemove(KeyValuePair.Create(activation.GrainId, activation));

    /// <summary>The activations here now; forgets those that have deactivated.</summary>
    public IReadOnlyList<IGrainContext> Snapshot()
    {
        var here = new List<IGrainContext>(_activations.Count);
        foreach (var activation in _activations.Values)
        {
            if (activation.Deactivated.IsCompleted)
            {
                Remove(activation);
            }
            else
            {
                here.Add(activation);
            }
        }

        return here;
    }
}
