using System.Collections.Concurrent;

namespace OrleansBots.Bots;

/// <summary>
/// The running bots whose activations live on this silo (a bot adds itself when its timers start and leaves when
/// they stop or it deactivates), so that a silo that stops can hand them over (<c>BotHandover</c>). Orleans keeps
/// its own list of activations internal. Thread-safe.
/// </summary>
public sealed class RunningBotsHere
{
    private readonly ConcurrentDictionary<GrainId, IGrainContext> _bots = new();

    public int Count => _bots.Count;

    public void Add(IGrainContext bot) => _bots[bot.GrainId] = bot;

    public void Remove(IGrainContext bot) => _bots.TryRemove(new KeyValuePair<GrainId, IGrainContext>(bot.GrainId, bot));

    /// <summary>The bots running here now.</summary>
    public IReadOnlyList<IGrainContext> Snapshot() => [.. _bots.Values];
}
