using Orleans.Storage;

namespace OrleansBots.Silo.Storage;

/// <summary>
/// Wraps Orleans' ADO.NET storage so that every grain's row is keyed by its grain type and its exact key.
/// The provider alone parses string keys as hex ("42" and "0042", "ab" and "AB" share a row) and drops
/// the grain type (dotnet/orleans#8746, #9706, #9737); a key that starts with '!' is never parsed.
/// Changing this mapping would orphan stored rows.
/// </summary>
public sealed class IdentityScopedGrainStorage(IGrainStorage inner) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, Scope(grainId), grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.WriteStateAsync(stateName, Scope(grainId), grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, Scope(grainId), grainState);

    public static GrainId Scope(GrainId grainId)
    {
        var type = grainId.Type.ToString()!;
        return GrainId.Create("scoped", $"!{type.Length}:{type}/{grainId.Key}");
    }
}
