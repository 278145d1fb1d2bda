using OrleansBots.Cache;

namespace OrleansBots.Quotas;

/// <summary>
/// Cooldowns and hourly quotas as the platform uses them: each key is checked in the cache shard it hashes to
/// (<see cref="ShardedCache.ShardOf"/>), so keys spread over every shard and no single grain sees them all.
/// Thread-safe; one instance per process.
/// </summary>
public sealed class Cooldowns(ShardedCache cache, IOptions<CooldownOptions> options)
{
    private const string BotActionPrefix = "bot-actions:";

    private readonly CooldownOptions _options = options.Value;

    /// <summary>Records an action of <paramref name="key"/> if <paramref name="rule"/> (the configured default when null) allows it.</summary>
    public Task<CooldownAnswer> TryActAsync(string key, CooldownRule? rule = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        return cache.ShardFor(key).TryAct(key, rule ?? _options.DefaultRule);
    }

    /// <summary>Records a bot creation, start or stop of <paramref name="userId"/> if the bot-action rule allows it.</summary>
    public Task<CooldownAnswer> TryBotActionAsync(string userId) => TryActAsync(BotActionPrefix + userId, _options.BotActionRule);
}
