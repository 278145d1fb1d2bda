using OrleansBots.Contracts;
using OrleansBots.Silo.Tests.Infrastructure;
using OrleansBots.Tests.Feeds;

namespace OrleansBots.Silo.Tests.Feeds;

/// <summary>
/// A connected feed that brings fewer items a minute than <c>Feeds__LagItemsPerMinute</c> (though never silent for
/// <c>Feeds__LagSilence</c>) raises the <c>feed_lag</c> alert
/// through the platform's alert pipeline, on a real silo. Takes a little over a minute: a feed is judged only after its
/// first minute connected.
/// </summary>
public sealed class FeedLagAlertTests
{
    [Fact]
    public async Task AFeedUnderItsItemsPerMinuteRaisesTheFeedLagAlertOnceInTheAlertListAndTheAdminEventStream()
    {
        await using var feed = await FakeTokenFeed.StartAsync();
        await using var silo = await SingleSilo.StartAsync(new Dictionary<string, string>
        {
            ["Feeds__NewTokensUrl"] = feed.Url,
            ["Feeds__KeepInterval"] = "00:00:00.500",
            ["Feeds__LagItemsPerMinute"] = "5",
        });
        await Eventually.Get(() => Task.FromResult(feed.Subscriptions), n => n == 1, TimeSpan.FromSeconds(30), "the feed subscribed");
        using var watching = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var alertEvent = silo.Admin.WatchPlatformAsync(watching.Token)
            .FirstAsync(e => e.Type == PlatformEventView.AlertType && e.Alert!.Rule == "feed_lag", watching.Token).AsTask();

        // A token every 15 s: never silent for the silence limit (60 s), but at most 4 a minute, under the threshold of 5.
        using var trickling = new CancellationTokenSource();
        var trickle = TrickleAsync(feed, TimeSpan.FromSeconds(15), trickling.Token);
        await Eventually.Get(
            () => silo.Http.GetStringAsync("metrics"), m => m.Contains("feed_items_per_minute", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the lag gauge at /metrics");

        var alerts = await Eventually.Get(
            () => silo.Admin.GetAlertsAsync(), a => a.Any(x => x.Rule == "feed_lag"), TimeSpan.FromSeconds(100), "the feed_lag alert in /api/admin/alerts");
        var lag = alerts.Single(x => x.Rule == "feed_lag");
        Assert.Equal("new-tokens", lag.Scope);
        Assert.InRange(lag.Value, 1, 4);
        Assert.Equal(5, lag.Threshold);
        var streamed = await alertEvent;
        Assert.Equal("new-tokens", streamed.Alert!.Scope);

        // Once per crossing: a feed that stays lagging does not raise it again.
        await Task.Delay(TimeSpan.FromSeconds(6));
        Assert.Single(await silo.Admin.GetAlertsAsync(), x => x.Rule == "feed_lag");
        await trickling.CancelAsync();
        await trickle;
    }

    private static async Task TrickleAsync(FakeTokenFeed feed, TimeSpan every, CancellationToken stop)
    {
        for (var i = 1; !stop.IsCancellationRequested; i++)
        {
            await feed.PublishAsync(FakeTokenFeed.TokenJson($"lag-{i}"));
            try
            {
                await Task.Delay(every, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
