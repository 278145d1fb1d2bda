namespace OrleansBots.Capacity;

/// <summary>
/// Where the capacity grain keeps its leases durably, one batch of changes per write (<see cref="LeaseJournal"/> on
/// grain storage, <see cref="PostgresLeaseStore"/> on PostgreSQL). One instance per activation of the capacity
/// grain; calls never overlap. A write made by a stale activation (another one loaded since) fails with
/// <see cref="Orleans.Storage.InconsistentStateException"/>, so two activations cannot both admit.
/// </summary>
public interface ILeaseStore
{
    /// <summary>Every lease written for the capacity grain <paramref name="capacityKey"/>; makes this activation the only one that may write.</summary>
    Task<IReadOnlyList<LeaseRecord>> LoadAsync(string capacityKey);

    /// <summary>
    /// Makes <paramref name="batch"/> durable. <paramref name="leases"/> is the table the batch came from, for a store
    /// that sometimes compacts its log into every held lease (amortised: at most once per as many changes as there
    /// are leases); reading its count is free, its records are a full pass.
    /// </summary>
    Task SaveAsync(LeaseBatch batch, LeaseTable leases);
}
