using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using OrleansBots.Bots;
using OrleansBots.Storage;

namespace OrleansBots.Roster;

/// <summary>
/// One shard of the roster, thin over <see cref="RosterSlice"/>. A user added or removed is written before it is
/// acknowledged, and the write holds this shard's slice only; bot transitions and trades only mark the slice changed,
/// and a timer writes it at most every <see cref="StatisticsSaveInterval"/>: losing the last interval only skews counts.
/// On its first activation the shard takes its slice of the roster stored as one record before the shards.
/// </summary>
[Reentrant]
public sealed class RosterShardGrain(
    [PersistentState(StateNames.RosterShard, StateNames.Store)] IPersistentState<RosterShardState> state,
    [FromKeyedServices(StateNames.Store)] IGrainStorage storage,
    ILogger<RosterShardGrain> logger) : Grain, IRosterShardGrain
{
    // Counts change with every start, stop and trade; writing them once per interval makes that cost independent of the rate.
    public static readonly TimeSpan StatisticsSaveInterval = TimeSpan.FromSeconds(5);

    // Where the roster lived when it was one record (its grain type and key); read once per shard, never written.
    private static readonly GrainId Directory = GrainId.Create("platformdirectory", "global");

    private GroupCommit? _commit;
    private RosterSlice _slice = RosterSlice.Restore(new RosterShardState());
    private bool _changed;

    private GroupCommit Commit => _commit ??= new GroupCommit(WriteCopyAsync);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.TookOverDirectory)
        {
            _slice = RosterSlice.Restore(state.State);
        }
        else
        {
            var directory = new GrainState<RosterState>(new RosterState());
            await storage.ReadStateAsync(StateNames.Roster, Directory, directory);
            _slice = RosterSlice.TakeOver(directory.State ?? new RosterState(), (int)this.GetPrimaryKeyLong());
            await WriteCopyAsync();
        }

        this.RegisterGrainTimer(SaveStatisticsAsync, new GrainTimerCreationOptions { DueTime = StatisticsSaveInterval, Period = StatisticsSaveInterval, Interleave = true });
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _changed ? CommitLoggedAsync() : Task.CompletedTask;

    public Task UserAdded(string userId) => _slice.Add(userId) ? Commit.CommitAsync() : Task.CompletedTask;

    public Task UserRemoved(string userId, DateOnly tradesDay, int tradesToday) =>
        _slice.Remove(userId, tradesDay, tradesToday) ? Commit.CommitAsync() : Task.CompletedTask;

    public Task TradesCounted(DateOnly day, int count)
    {
        _slice.TradesCounted(day, count);
        _changed = true;
        return Task.CompletedTask;
    }

    public Task BotMoved(BotStatus? from, BotStatus to)
    {
        _slice.Bots.Moved(from, to);
        _changed = true;
        return Task.CompletedTask;
    }

    public Task BotRemoved(BotStatus from)
    {
        _slice.Bots.Removed(from);
        _changed = true;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> GetUserIds(string? after, int limit) => Task.FromResult(_slice.After(after, limit));

    public Task<RosterShardSummary> GetSummary() => Task.FromResult(_slice.Summary());

    private Task SaveStatisticsAsync(CancellationToken cancellationToken) =>
        _changed ? CommitLoggedAsync() : Task.CompletedTask;

    private async Task CommitLoggedAsync()
    {
        try
        {
            await Commit.CommitAsync();
        }
        catch (Exception error)
        {
            _changed = true;
            logger.LogWarning(error, "Saving roster shard {Shard} failed; the next change or interval saves it again", this.GetPrimaryKeyLong());
            if (error is InconsistentStateException)
            {
                // Another activation wrote meanwhile: reload from storage on the next call.
                DeactivateOnIdle();
            }
        }
    }

    // A copy is written so that changes made while the write is in flight cannot tear it.
    private Task WriteCopyAsync()
    {
        _changed = false;
        state.State = _slice.ToState();
        return state.WriteStateAsync();
    }
}
