using System.Collections.Concurrent;
using Orleans.Storage;

namespace OrleansBots.Tests.Storage;

/// <summary>Counts state writes per state name and per grain around the real storage, to see how often grains write.</summary>
public sealed class CountingGrainStorage(IGrainStorage inner) : IGrainStorage
{
    public static ConcurrentDictionary<string, int> Writes { get; } = new();

    public static ConcurrentDictionary<(string StateName, GrainId Grain), int> WritesByGrain { get; } = new();

    public static int WritesOf(string stateName, GrainId grain) => WritesByGrain.GetValueOrDefault((stateName, grain));

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Writes.AddOrUpdate(stateName, 1, (_, count) => count + 1);
        WritesByGrain.AddOrUpdate((stateName, grainId), 1, (_, count) => count + 1);
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
