using System.Collections.Concurrent;

namespace OrleansBots.Feeds;

/// <summary>
/// This silo's note of the users whose <c>MAX_SIGNALS_PER_MINUTE</c> refused a signal, until the time their quota said
/// one would fit again: while it holds, their bots' signals are dropped without asking the user's grain, so a user over
/// the limit costs nothing per token however many bots they run. Thread-safe.
/// </summary>
public sealed class SignalRefusals
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _refusedUntil = new(StringComparer.Ordinal);

    public void Refused(string userId, DateTimeOffset until) => _refusedUntil[userId] = until;

    public bool Refuses(string userId, DateTimeOffset now)
    {
        if (!_refusedUntil.TryGetValue(userId, out var until))
        {
            return false;
        }

        if (now < until)
        {
            return true;
        }

        _refusedUntil.TryRemove(new KeyValuePair<string, DateTimeOffset>(userId, until));
        return false;
    }
}
