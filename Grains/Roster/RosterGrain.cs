using OrleansBots.Bots;
using OrleansBots.Storage;

namespace OrleansBots.Roster;

/// <summary>
/// Users of the platform and counts of bots by state (<see cref="BotCounts"/>), for statistics. A registration is
/// written before it is acknowledged; bot transitions only mark the counts changed, and a timer writes them at most
/// every <see cref="CountsSaveInterval"/>: losing the last interval only skews counts.
/// </summary>
// Its grain type keeps the name it was stored under (platformdirectory), so saved rosters still load.
[Reentrant, GrainType("platformdirectory")]
public sealed class RosterGrain : Grain, IRosterGrain
{
    // Counts change with every start and stop; writing them once per interval makes that cost independent of the rate.
    public static readonly TimeSpan CountsSaveInterval = TimeSpan.FromSeconds(5);

    private readonly IPersistentState<RosterState> _state;
    private readonly ILogger<RosterGrain> _logger;
    private readonly GroupCommit _commit;
    private HashSet<string> _userIds = new(StringComparer.Ordinal);
    private BotCounts _counts = new(new Dictionary<BotStatus, int>(), []);
    private bool _countsChanged;

    public RosterGrain(
        [PersistentState(StateNames.Roster, StateNames.Store)] IPersistentState<RosterState> state,
        ILogger<RosterGrain> logger)
    {
        _state = state;
        _logger = logger;
        _commit = new GroupCommit(WriteCopyAsync);
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var saved = _state.State;
        _userIds = new HashSet<string>(saved.UserIds, StringComparer.Ordinal);

        // A roster stored before the counts listed every bot: they become counts, and the list is not written again.
        _counts = new BotCounts(saved.BotCounts, saved.Bots.Values);
        _countsChanged = saved.Bots.Count > 0;
        this.RegisterGrainTimer(SaveCountsAsync, new GrainTimerCreationOptions { DueTime = CountsSaveInterval, Period = CountsSaveInterval, Interleave = true });
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _countsChanged ? CommitLoggedAsync() : Task.CompletedTask;

    public Task UserRegistered(string userId) =>
        _userIds.Add(userId) ? CommitLoggedAsync() : Task.CompletedTask;

    public Task BotMoved(BotStatus? from, BotStatus to)
    {
        _counts.Moved(from, to);
        _countsChanged = true;
        return Task.CompletedTask;
    }

    public Task BotRemoved(BotStatus from)
    {
        _counts.Removed(from);
        _countsChanged = true;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> GetUserIds() =>
        Task.FromResult<IReadOnlyList<string>>(_userIds.Order(StringComparer.Ordinal).ToList());

    public Task<IReadOnlyDictionary<BotStatus, int>> GetBotCounts() => Task.FromResult(_counts.All());

    private Task SaveCountsAsync(CancellationToken cancellationToken) =>
        _countsChanged ? CommitLoggedAsync() : Task.CompletedTask;

    private async Task CommitLoggedAsync()
    {
        try
        {
            await _commit.CommitAsync();
        }
        catch (Exception error)
        {
            _countsChanged = true;
            _logger.LogWarning(error, "Saving the roster failed; the next change or interval saves it again");
            if (error is Orleans.Storage.InconsistentStateException)
            {
                // Another activation wrote meanwhile: reload from storage on the next call.
                DeactivateOnIdle();
            }
        }
    }

    // A copy is written so that changes made while the write is in flight cannot tear it.
    private Task WriteCopyAsync()
    {
        _countsChanged = false;
        _state.State = new RosterState
        {
            UserIds = new HashSet<string>(_userIds, StringComparer.Ordinal),
            BotCounts = _counts.Copy(),
        };
        return _state.WriteStateAsync();
    }
}
