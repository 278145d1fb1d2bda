using OrleansBots.Capacity;

namespace OrleansBots.Bots;

/// <summary>
/// A running bot's hold on its capacity slot, without the grain: a renewal the platform refuses makes the bot fail
/// with a reason its owner reads; a capacity grain that does not answer (its silo may be the one that died) is
/// asked again by the next renewal; a release that does not arrive lets the lease expire by itself.
/// </summary>
public sealed class BotLease(string botId, ILogger logger)
{
    /// <summary>Confirms the lease after a restart; false when the platform refused it and the bot failed.</summary>
    public async Task<bool> ResumeAsync(Func<Task<Admission>> renew, Func<string, Task> fail)
    {
        try
        {
            var admission = await renew();
            if (!admission.Holds)
            {
                await fail($"Could not get its running slot back after a restart ({admission.Outcome}: {admission.CurrentBots}/{admission.MaxBots})");
                return false;
            }
        }
        catch (Exception error)
        {
            // Keep running: the renewal timer retries.
            logger.LogWarning(error, "Bot {BotId} resumed without confirming its lease; will retry", botId);
        }

        return true;
    }

    public async Task RenewAsync(Func<Task<Admission>> renew, Func<string, Task> fail)
    {
        try
        {
            var admission = await renew();
            if (!admission.Holds)
            {
                await fail($"Lost its running slot and the platform could not admit it again ({admission.Outcome}: {admission.CurrentBots}/{admission.MaxBots})");
            }
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Bot {BotId} could not renew its lease; will retry", botId);
        }
    }

    public async Task ReleaseAsync(Func<Task> release)
    {
        try
        {
            await release();
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Bot {BotId} could not release its lease; it expires by itself", botId);
        }
    }
}
