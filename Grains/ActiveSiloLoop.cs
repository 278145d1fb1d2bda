namespace OrleansBots;

/// <summary>
/// Work a silo does in the background while it is active: <see cref="RunAsync"/> starts once the silo serves grain
/// calls (<see cref="ServiceLifecycleStage.Active"/>, unless <see cref="Stage"/> says otherwise) and is cancelled, and
/// awaited, when the silo stops.
/// </summary>
public abstract class ActiveSiloLoop : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(GetType().Name, Stage, StartAsync, StopAsync);

    /// <summary>The lifecycle stage the loop starts at and stops at; an earlier one keeps it running while grains stop.</summary>
    protected virtual int Stage => ServiceLifecycleStage.Active;

    /// <summary>False when the silo is configured not to run this loop.</summary>
    protected virtual bool Enabled => true;

    /// <summary>The loop; it ends when <paramref name="stopping"/> is cancelled.</summary>
    protected abstract Task RunAsync(CancellationToken stopping);

    private Task StartAsync(CancellationToken cancellationToken)
    {
        if (Enabled)
        {
            _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
