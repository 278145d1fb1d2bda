using OrleansBots.Quotas;

namespace OrleansBots.Chat;

/// <summary>
/// Which commands of one channel pass: each viewer has a cooldown and an hourly quota (a <see cref="CooldownBook"/>, a
/// few dozen bytes per viewer who acted in the last hour, forgotten after that), each command whose answer is shared
/// (<see cref="ChatCommand.Shared"/>) has a channel-wide cooldown, and moderators and the broadcaster pass without
/// being counted. Not thread-safe: the channel's grain calls it.
/// </summary>
public sealed class CommandCooldowns(TimeSpan senderCooldown, int senderHourlyQuota, TimeSpan commandCooldown, TimeProvider time)
{
    private static readonly CooldownAnswer Passed = new(true, CooldownLimit.None, TimeSpan.Zero, 0, 0);

    private readonly CooldownBook _senders = new(MaxIdle(senderCooldown), idlePerAction: 4, time);
    private readonly CooldownRule _senderRule = new(senderCooldown, senderHourlyQuota);
    private readonly Dictionary<string, DateTimeOffset> _lastShared = new(StringComparer.Ordinal);

    /// <summary>Viewers remembered now (those who used a command within the last hour or cooldown).</summary>
    public int Senders => _senders.Count;

    /// <summary>Records the use of <paramref name="command"/> by <paramref name="sender"/> when it passes; otherwise says which limit refused it.</summary>
    public CooldownAnswer TryUse(string sender, ChatCommand command, bool moderator)
    {
        if (moderator)
        {
            return Passed;
        }

        var now = time.GetUtcNow();
        var shared = ChatCommand.Shared.Contains(command.Name);
        if (shared && _lastShared.TryGetValue(command.Name, out var last) && now - last < commandCooldown)
        {
            return new CooldownAnswer(false, CooldownLimit.Cooldown, last + commandCooldown - now, 0, senderHourlyQuota);
        }

        var answer = _senders.TryAct(sender.ToLowerInvariant(), _senderRule);
        if (answer.Allowed && shared)
        {
            _lastShared[command.Name] = now;
        }

        return answer;
    }

    /// <summary>Forgets at most <paramref name="max"/> viewers whose limits have lapsed.</summary>
    public int Sweep(int max) => _senders.RemoveIdle(max);

    // A viewer is kept while any of their limits can still refuse them: an hour for the quota, or a longer cooldown.
    private static TimeSpan MaxIdle(TimeSpan cooldown) => cooldown > CooldownRule.Window ? cooldown : CooldownRule.Window;
}
