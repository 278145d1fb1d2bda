using OrleansBots.Client;
using OrleansBots.Contracts;
using OrleansBots.Silo.Tests.Infrastructure;
using OrleansBots.Tests.Feeds;

namespace OrleansBots.Silo.Tests.Feeds;

/// <summary>Publishing tokens on the fake feed until a running new_tokens bot shows one as a signal through the HTTP API.</summary>
public static class NewTokenFeeds
{
    /// <summary>
    /// Publishes a fresh token (mint <c>{prefix}-N</c>) every half second until one is among the bot's signals: tokens
    /// sent before the bot is registered with a subscribed silo (just started, or just failed over) reach nobody.
    /// </summary>
    public static async Task<SignalView> SignalAfterPublishingAsync(FakeTokenFeed feed, OrleansBotsUserClient user, string botId, string prefix, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        var published = 0;
        while (DateTime.UtcNow < deadline)
        {
            await feed.PublishAsync(FakeTokenFeed.TokenJson($"{prefix}-{++published}"));
            await Task.Delay(500);
            try
            {
                if ((await user.GetSignalsAsync(botId)).FirstOrDefault(s => s.Symbol.StartsWith($"T{prefix}-", StringComparison.Ordinal)) is { } signal)
                {
                    return signal;
                }
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException or OrleansBotsApiException)
            {
                // The silo that answered is going away; the next round asks again.
            }
        }

        throw new TimeoutException($"No signal of the {published} '{prefix}' tokens published reached bot {botId}");
    }
}
