using System.Collections.Concurrent;

namespace OrleansBots.Feeds;

/// <summary>
/// The running <c>new_tokens</c> bots activated on this silo, with their owners: each bot registers when it starts or
/// resumes (and again every renew interval, on its companion timer) and unregisters when it stops or its activation goes away; this silo's
/// <see cref="NewTokenListenerGrain"/> hands them the tokens that pass the filter. Thread-safe.
/// </summary>
public sealed class NewTokenBots
{
    private readonly ConcurrentDictionary<string, string> _ownerByBot = new(StringComparer.Ordinal);

    public int Count => _ownerByBot.Count;

    public void Register(string botId, string userId) => _ownerByBot[botId] = userId;

    public void Unregister(string botId) => _ownerByBot.TryRemove(botId, out _);

    /// <summary>The registered bots and their owners at the moment of the call.</summary>
    public IReadOnlyList<(string BotId, string UserId)> Running() => _ownerByBot.Select(bot => (bot.Key, bot.Value)).ToArray();
}
