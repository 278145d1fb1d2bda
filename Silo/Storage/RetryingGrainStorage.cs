using Orleans.Storage;
using OrleansBots.Storage;

namespace OrleansBots.Silo.Storage;

/// <summary>
/// Reads grain state again while PostgreSQL is unreachable (<see cref="PostgresRetry"/>): a read changes nothing, and the
/// provider sets the grain's state only once it has succeeded, so a read whose connection broke (one the server closed
/// while it sat in the pool, or cut mid-query) can run again. Writes and clears pass through: their connections' opening is
/// retried (<see cref="RetryingDataSource"/>), but once sent they may have been applied.
/// </summary>
public sealed class RetryingGrainStorage(IGrainStorage inner, PostgresRetry retry) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        retry.RunAsync(_ => inner.ReadStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
