using OrleansBots.Bots;
using OrleansBots.Quotas;

namespace OrleansBots.Feeds;

/// <summary>
/// The new-token strategy for every <c>new_tokens</c> bot on this silo at once: the <see cref="NewTokenFilter"/> is
/// applied once per token; a passing token is a buy signal for each registered bot, counted against its owner's
/// <c>MAX_SIGNALS_PER_MINUTE</c> (over it the signal is dropped, and the owner noted in <see cref="SignalRefusals"/> until
/// the quota would take one again) and handed to the bot.
/// </summary>
public sealed class NewTokenFanOut(NewTokenBots bots, NewTokenFilter filter, TimeProvider time)
{
    private readonly SignalRefusals _refusals = new();
    private long _refused;

    /// <summary>Signals dropped over an owner's limit, asked or noted.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>
    /// Hands <paramref name="token"/> to the registered bots if it passes the filter: <paramref name="countSignal"/> asks
    /// an owner's quota, <paramref name="addSignal"/> gives a bot its signal. Returns the number of bots given it.
    /// </summary>
    public async Task<int> HandAsync(NewToken token, Func<string, Task<SignalQuotaAnswer>> countSignal, Action<string, Signal> addSignal)
    {
        if (!filter.Buys(token))
        {
            return 0;
        }

        var signal = new Signal(token.ReceivedAt, token.Symbol, "buy", filter.Describe(token));
        var handed = await Task.WhenAll(bots.Running().Select(bot => HandToAsync(bot.BotId, bot.UserId, signal, countSignal, addSignal)));
        return handed.Count(given => given);
    }

    private async Task<bool> HandToAsync(string botId, string userId, Signal signal, Func<string, Task<SignalQuotaAnswer>> countSignal, Action<string, Signal> addSignal)
    {
        if (_refusals.Refuses(userId, time.GetUtcNow()))
        {
            Interlocked.Increment(ref _refused);
            return false;
        }

        var quota = await countSignal(userId);
        if (!quota.Allowed)
        {
            _refusals.Refused(userId, time.GetUtcNow() + quota.RetryAfter);
            Interlocked.Increment(ref _refused);
            return false;
        }

        addSignal(botId, signal);
        return true;
    }
}
