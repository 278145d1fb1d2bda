using System.Globalization;
using System.Runtime.InteropServices;
using Orleans.Storage;
using OrleansBots.Storage;

namespace OrleansBots.Silo.Storage;

/// <summary>
/// The platform's grain storage on PostgreSQL: one row per grain and state name in <c>grain_state</c>, in Orleans'
/// binary format (<see cref="CompactStateSerializer"/>), read and written in batches across the silo's grains
/// (<see cref="PostgresStateTable"/>). Orleans' ADO.NET provider took a connection and a round trip per state: at
/// 100,000 bots a stop saved about 2,200 bots a second and had to leave the rest at their last save.
/// States stored by earlier versions in Orleans' ADO.NET table (<c>OrleansStorage</c>, through <paramref name="legacy"/>)
/// are read from there while this table has no row for them, and move here with their next write; clearing a state
/// clears both. Whether the service has such rows at all is asked once, so a platform that never had them pays nothing.
/// </summary>
public sealed class PostgresGrainStorage(PostgresStateTable table, IGrainStorageSerializer serializer, IGrainStorage legacy, LegacyStateRows legacyRows) : IGrainStorage
{
    // Tells this table's ETags from the ADO.NET provider's, which are plain numbers too.
    private const string ETagPrefix = "g";

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (await table.ReadAsync(grainId.ToString(), stateName) is { } row)
        {
            grainState.State = serializer.Deserialize<T>(new BinaryData(row.Payload));
            grainState.ETag = ETag(row.Version);
            grainState.RecordExists = true;
            return;
        }

        if (await legacyRows.ExistAsync())
        {
            await legacy.ReadStateAsync(stateName, grainId, grainState);

            // Not a version of this table: the first write here inserts the row.
            grainState.ETag = null;
            return;
        }

        Reset(grainState);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var expected = Version(grainState);
        var payload = Bytes(serializer.Serialize(grainState.State));

        // Not back on the activation for two assignments: Orleans' caller returns there itself, and each hop onto the
        // grain's scheduler cost a bot's trade three objects (a continuation, its action and a task).
        var version = await table.WriteAsync(new StateWrite(grainId.ToString(), stateName, expected, payload, Guid.NewGuid())).ConfigureAwait(false)
            ?? throw Conflict(stateName, grainId, grainState);
        grainState.ETag = ETag(version);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        // The older copy goes first: a crash in between must not bring it back from under a newer row.
        if (await legacyRows.ExistAsync())
        {
            var older = new GrainState<T>();
            await legacy.ReadStateAsync(stateName, grainId, older);
            if (older.RecordExists)
            {
                await legacy.ClearStateAsync(stateName, grainId, older);
            }
        }

        if (!await table.DeleteAsync(grainId.ToString(), stateName, Version(grainState)))
        {
            throw Conflict(stateName, grainId, grainState);
        }

        Reset(grainState);
    }

    // The serializer's own array when it wrote one of exactly the size (CompactStateSerializer does): a copy per save was
    // the state's size again in every bot's trade.
    private static byte[] Bytes(BinaryData data) =>
        MemoryMarshal.TryGetArray(data.ToMemory(), out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : data.ToArray();

    private static string ETag(long version) => ETagPrefix + version.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The version an ETag of this table names; none for an ETag of the ADO.NET table (read there, or brought along by a
    /// bot that migrated from a silo of an earlier version), whose first write here is an insert.
    /// </summary>
    private static long? Version<T>(IGrainState<T> grainState) =>
        grainState.ETag is { } etag && etag.StartsWith(ETagPrefix, StringComparison.Ordinal)
            ? long.Parse(etag.AsSpan(ETagPrefix.Length), CultureInfo.InvariantCulture)
            : null;

    private static InconsistentStateException Conflict<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        new($"State {stateName} of {grainId} was changed or removed by another activation since this one read it",
            storedEtag: "unknown", currentEtag: grainState.ETag ?? "none");

    private static void Reset<T>(IGrainState<T> grainState)
    {
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }
}
