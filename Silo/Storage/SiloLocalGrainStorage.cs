using System.Collections.Concurrent;
using Orleans.Storage;

namespace OrleansBots.Silo.Storage;

/// <summary>
/// Grain state kept in this process, for the single-silo default (no Redis, no PostgreSQL). Orleans' memory store
/// keeps states in storage grains so that several silos can share them; each save is then a grain call with a deep copy
/// of the serialized bytes, which at 70,000 running bots took 14 % of the silo's CPU. With one silo there is nobody to
/// share with: a state is serialized (so the grain's later changes do not reach it) and kept in a dictionary. It lives
/// and dies with the process, as the memory store's states do. ETags are checked as the memory store checks them.
/// </summary>
public sealed class SiloLocalGrainStorage(IGrainStorageSerializer serializer) : IGrainStorage
{
    private readonly ConcurrentDictionary<(string StateName, GrainId GrainId), StoredState> _states = new();
    private long _lastETag;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_states.TryGetValue((stateName, grainId), out var stored))
        {
            grainState.State = serializer.Deserialize<T>(stored.Data);
            grainState.ETag = stored.ETag;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (stateName, grainId);
        var written = new StoredState(serializer.Serialize(grainState.State), NextETag());
        while (true)
        {
            // As the memory store does, a write to a state it does not hold is accepted whatever the grain's ETag.
            if (_states.TryGetValue(key, out var stored))
            {
                if (grainState.ETag != stored.ETag)
                {
                    throw Conflict(stateName, grainId, grainState.ETag, stored.ETag);
                }

                if (_states.TryUpdate(key, written, stored))
                {
                    break;
                }
            }
            else if (_states.TryAdd(key, written))
            {
                break;
            }
        }

        grainState.ETag = written.ETag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (stateName, grainId);
        if (_states.TryGetValue(key, out var stored))
        {
            if (grainState.ETag != stored.ETag || !_states.TryRemove(new KeyValuePair<(string, GrainId), StoredState>(key, stored)))
            {
                throw Conflict(stateName, grainId, grainState.ETag, stored.ETag);
            }
        }

        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private string NextETag() => Interlocked.Increment(ref _lastETag).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static InconsistentStateException Conflict(string stateName, GrainId grainId, string? expected, string? stored) =>
        new($"State {stateName} of {grainId} was written by another activation meanwhile", stored ?? "(none)", expected ?? "(none)");

    // A class: the dictionary's compare-and-swap compares entries by reference.
    private sealed class StoredState(BinaryData data, string eTag)
    {
        public BinaryData Data { get; } = data;

        public string ETag { get; } = eTag;
    }
}
