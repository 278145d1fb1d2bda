using OrleansBots.Bots;
using OrleansBots.Feeds;

namespace OrleansBots.Tests.Feeds;

/// <summary>Starting bots with the new_tokens strategy in a feed cluster.</summary>
public static class FeedTraders
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(15);

    /// <summary>The bot's signals (its history), newest first.</summary>
    public static async Task<IReadOnlyList<Signal>> SignalsAsync(IBotGrain bot) => (await bot.GetSignals(1000)).Items;

    public static Task<FeedStats> ConnectedAsync(FeedCluster cluster) =>
        Eventually.Get(() => cluster.Grains.GetGrain<IFeedGrain>(IFeedGrain.NewTokens).GetStats(), s => s.Connected && cluster.Feed.Subscriptions > 0, Within, "the feed connected");

    /// <summary>The silo's one consumer of the new-token stream (the cluster has one silo).</summary>
    public static INewTokenListenerGrain Listener(FeedCluster cluster) =>
        cluster.Grains.GetGrain<INewTokenListenerGrain>(cluster.Cluster.Silos[0].SiloAddress.ToParsableString());

    public static async Task<IBotGrain> StartAsync(FeedCluster cluster, string name)
    {
        await ConnectedAsync(cluster);

        // Kept by the silo's feed keeper; asking here makes sure the subscription exists before tokens flow.
        await Listener(cluster).Keep();
        var bot = cluster.Grains.GetGrain<IBotGrain>("tokens-" + name);
        await bot.Create("tokens-user-" + name, new BotDefinition(name, BotKind.Trading, ["BTCUSDT"], 60, 5, 20, 0.01m) { Strategy = BotDefinition.NewTokens });
        Assert.Equal(StartOutcome.Started, (await bot.Start()).Outcome);
        return bot;
    }
}
