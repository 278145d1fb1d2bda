using OrleansBots.Bots;
using OrleansBots.Users;

namespace OrleansBots.Tests;

/// <summary>
/// Bots and users as in-memory storage configures them: a bot's state waits for its routine save (once an hour here)
/// and a user's trade count is written a moment after its trades (200 ms here), not with each trade.
/// </summary>
public sealed class MemoryDefaultsCluster : ClusterFixture
{
    public static readonly TimeSpan TradeCountWriteDelay = TimeSpan.FromMilliseconds(200);

    protected override void ConfigureBots(BotOptions options) => (options.SaveInterval, options.SaveEachTrade) = (TimeSpan.FromHours(1), false);

    protected override void ConfigureUsers(UserOptions options) => (options.WriteEachTrade, options.TradeCountWriteDelay) = (false, TradeCountWriteDelay);
}
