using OrleansBots.Capacity;

namespace OrleansBots.Silo.Failover;

/// <summary>
/// Follows cluster membership on this silo: when a silo is declared dead or starts stopping, the capacity grain is
/// told at once (<see cref="ICapacityFailover.SilosLeft"/>) and calls its leased bots back, so the bots of that silo
/// run again on a survivor within seconds instead of after their lease falls silent. Every silo reports; the
/// capacity grain acts once per membership version.
/// </summary>
public sealed class SiloDepartureWatch(IClusterMembershipService membership, IGrainFactory grains, ILogger<SiloDepartureWatch> logger) : BackgroundService
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromMilliseconds(500);
    private const int Attempts = 10;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var previous = membership.CurrentSnapshot;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                var left = snapshot.CreateUpdate(previous).Changes.Where(Left).ToList();
                previous = snapshot;
                if (left.Count > 0)
                {
                    logger.LogInformation("Silo(s) leaving the cluster: {Silos}", string.Join(", ", left.Select(m => $"{m.SiloAddress} {m.Status}")));
                    _ = ReportAsync(snapshot.Version.Value, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The silo stops.
        }
    }

    private static bool Left(ClusterMember member) => member.Status is SiloStatus.ShuttingDown or SiloStatus.Stopping or SiloStatus.Dead;

    /// <summary>The capacity grain may have lived on the silo that left: the call is repeated until it lands.</summary>
    private async Task ReportAsync(long version, CancellationToken stoppingToken)
    {
        for (var attempt = 1; attempt <= Attempts && !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await grains.GetGrain<ICapacityFailover>(ICapacityGrain.GlobalKey).SilosLeft(version);
                return;
            }
            catch (Exception error) when (error is OrleansException or TimeoutException or OperationCanceledException)
            {
                // A cancelled call is the distributed grain directory's lookup whose owner left (no token is passed in).
                logger.LogDebug(error, "The capacity grain did not take the membership change yet (attempt {Attempt})", attempt);
                await Task.Delay(RetryEvery, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
