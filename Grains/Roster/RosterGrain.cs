using OrleansBots.Bots;
using OrleansBots.Storage;

namespace OrleansBots.Roster;

/// <summary>Users and bots of the platform for statistics. Writes are batched; losing the last batch only skews counts.</summary>
// Its grain type keeps the name it was stored under (platformdirectory), so saved rosters still load.
[Reentrant, GrainType("platformdirectory")]
public sealed class RosterGrain : Grain, IRosterGrain
{
    private readonly IPersistentState<RosterState> _state;
    private readonly ILogger<RosterGrain> _logger;
    private readonly GroupCommit _commit;
    private RosterState _live = new();

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
        _live = _state.State;
        return Task.CompletedTask;
    }

    public Task UserRegistered(string userId) =>
        _live.UserIds.Add(userId) ? CommitLoggedAsync() : Task.CompletedTask;

    public Task BotChanged(string botId, BotStatus status)
    {
        _live.Bots[botId] = status;
        _ = CommitLoggedAsync();
        return Task.CompletedTask;
    }

    public Task BotDeleted(string botId)
    {
        if (_live.Bots.Remove(botId))
        {
            _ = CommitLoggedAsync();
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> GetUserIds() =>
        Task.FromResult<IReadOnlyList<string>>(_live.UserIds.Order(StringComparer.Ordinal).ToList());

    public Task<IReadOnlyDictionary<BotStatus, int>> GetBotCounts() => Task.FromResult<IReadOnlyDictionary<BotStatus, int>>(
        Enum.GetValues<BotStatus>().ToDictionary(s => s, s => _live.Bots.Values.Count(v => v == s)));

    private async Task CommitLoggedAsync()
    {
        try
        {
            await _commit.CommitAsync();
        }
        catch (Exception error)
        {
            _logger.LogWarning(error, "Saving the platform directory failed; the next change saves it again");
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
        _state.State = new RosterState
        {
            UserIds = new HashSet<string>(_live.UserIds, StringComparer.Ordinal),
            Bots = new Dictionary<string, BotStatus>(_live.Bots, StringComparer.Ordinal),
        };
        return _state.WriteStateAsync();
    }
}
