using OrleansBots.Capacity;

namespace OrleansBots.Bots;

/// <summary>
/// How a bot takes part in failover: an activation that resumes a running bot claims its saved state first, so
/// an older activation still ticking somewhere (a frozen silo that wakes up) fails its next save and stops instead
/// of trading twice (its next trade's with <see cref="BotOptions.SaveEachTrade"/>, else its next routine save; a silo
/// declared dead stops itself as soon as it learns so); a resumed bot catches up with trades its saved state does not
/// count yet, and ticks at once if a tick is overdue; and a running bot that the runtime
/// deactivates (its silo stops, its directory partition died) asks the capacity grain to call it back, which
/// activates it again on a silo that stays, without waiting for its lease to fall silent.
/// </summary>
public sealed partial class BotGrain
{
    /// <summary>
    /// Counts the restart and saves it. A conflict means another activation saved after this one read: at activation
    /// that one is the stale copy, so this one reads the newer state and claims again. An outage leaves the claim to
    /// the next save.
    /// </summary>
    private async Task ClaimAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            await CatchUpWithHistoryAsync();
            Bot.Restarts++;
            try
            {
                await SaveAsync();
                return;
            }
            catch (Exception error) when (IsStale(error) && attempt == 0)
            {
                await state.ReadStateAsync();
                (_trading, _loop) = (null, null);
            }
            catch (Exception error) when (IsOutage(error) && !IsStale(error))
            {
                logger.LogWarning("Bot {BotId} resumed without saving its claim: {Error}", BotId, error.Message);
                return;
            }
        }
    }

    /// <summary>
    /// Without a save per trade the saved state may count fewer trades, signals and replies than the history holds (a crash
    /// after they were stored): it catches up before the bot trades again. A failure here fails the activation, and the
    /// bot is resumed later: trading on behind its history would reuse stored seqs, and the store would drop those items.
    /// </summary>
    private async Task CatchUpWithHistoryAsync()
    {
        if (_options.SaveEachTrade)
        {
            return;
        }

        var since = await history.ReadSinceAsync(BotId, Bot.Counts);
        // A trade beyond the saved count makes the counts differ too.
        if (since.Counts != Bot.Counts)
        {
            logger.LogInformation("Bot {BotId} caught up with its history: {Trades} trade(s), {Signals} signal(s) and {Replies} reply(ies) stored after its last save",
                BotId, since.Counts.Trades - Bot.TradesTotal, since.Counts.Signals - Bot.SignalsTotal, since.Counts.Replies - Bot.RepliesTotal);
            Bot.CatchUp(since);
            _trading = null;
        }
    }

    /// <summary>When the first tick after a resume is due: at once if the last saved tick is an interval old.</summary>
    private TimeSpan OverdueTick()
    {
        var sinceLast = Bot.LastTickAt is { } last ? time.GetUtcNow() - last : TimeSpan.MaxValue;
        var interval = TimeSpan.FromSeconds(Bot.Definition!.TickSeconds);
        return sinceLast >= interval ? TimeSpan.Zero : interval - sinceLast;
    }

    /// <summary>
    /// Not for a move the runtime makes itself (migration carries the activation over), nor when the silo stops and no
    /// other silo is active: the only silo left to wake the bot on is this one, which is stopping. Woken there before the
    /// stop announced itself to the cluster, the bot resumed on the stopping silo, counted a restart, was saved again,
    /// and counted a second one when the platform started again. Any other deactivation of a running bot on a lone silo
    /// (its directory registration failed) still asks: nothing else would bring the bot back before its lease expired.
    /// </summary>
    private void AskToBeWoken(DeactivationReason reason)
    {
        if (reason.ReasonCode == DeactivationReasonCode.Migrating
            || (reason.ReasonCode == DeactivationReasonCode.ShuttingDown && !AnotherSiloIsActive()))
        {
            return;
        }

        try
        {
            _ = GrainFactory.GetGrain<ICapacityFailover>(ICapacityGrain.GlobalKey).Wake(BotId);
        }
        catch (Exception error)
        {
            logger.LogDebug(error, "Bot {BotId} could not ask to be woken; its lease sweep brings it back", BotId);
        }
    }

    private bool AnotherSiloIsActive()
    {
        var here = GrainContext.Address.SiloAddress;
        return membership.CurrentSnapshot.Members.Values.Any(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(here));
    }

    /// <summary>
    /// A bot id is new for every create request, so an existing bot of the same user is this very request retried
    /// after a silo failed under it: it finishes what the first attempt may have left undone.
    /// </summary>
    private async Task<BotInfo> CreatedBeforeAsync(string userId)
    {
        if (Bot.UserId != userId)
        {
            throw new InvalidOperationException($"Bot {BotId} already exists");
        }

        await Owner.AddBot(BotId);
        return Info();
    }
}
