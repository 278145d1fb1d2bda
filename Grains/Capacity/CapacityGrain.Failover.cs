namespace OrleansBots.Capacity;

/// <summary>
/// Failover reactions of the capacity grain: it calls bots back as soon as the cluster tells that a silo left or a
/// bot was deactivated, retrying until each answers (<see cref="BotWakeups"/>), so failover does not wait for a
/// lease to fall silent (1.5 × RenewInterval). A bot that answers it does not run frees its slot.
/// </summary>
public sealed partial class CapacityGrain : ICapacityFailover
{
    private readonly BotWakeups _wakeups = new();

    public Task SilosLeft(long membershipVersion)
    {
        if (_wakeups.IsNewMembership(membershipVersion))
        {
            logger.LogInformation("A silo left the cluster (membership version {Version}): calling the {Count} leased bots back", membershipVersion, _leases.Count);
            foreach (var lease in _leases.Leases.ToList())
            {
                _ = WakeAsync(lease.BotId);
            }
        }

        return Task.CompletedTask;
    }

    public Task Wake(string botId)
    {
        _ = WakeAsync(botId);
        return Task.CompletedTask;
    }

    private async Task WakeAsync(string botId)
    {
        if (!_leases.Holds(botId) || !_wakeups.TryBegin(botId))
        {
            return;
        }

        var started = time.GetUtcNow();
        try
        {
            for (var attempt = 0; _leases.Holds(botId); attempt++)
            {
                try
                {
                    await CallBotAsync(botId);
                    return;
                }
                catch (Exception)
                {
                    // Routed to a silo that is gone, or the bot could not activate yet (storage): try again soon.
                    if (BotWakeups.GivesUp(time.GetUtcNow() - started))
                    {
                        logger.LogWarning("Bot {BotId} did not answer for {Duration}; its lease sweep takes over", botId, BotWakeups.GiveUpAfter);
                        return;
                    }

                    await Task.Delay(BotWakeups.RetryAfter(attempt), time);
                }
            }
        }
        finally
        {
            _wakeups.End(botId);
        }
    }
}
