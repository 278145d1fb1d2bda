using OrleansBots.Monitoring.Alerts;

namespace OrleansBots.Feeds;

/// <summary>
/// Publishes a feed's lag as gauges (items in the last minute, seconds since the last item) and fires the
/// <see cref="Rule"/> alert once each time the feed crosses into lag (<see cref="FeedLag"/>). Not thread-safe: the
/// feed's grain checks it on a timer.
/// </summary>
public sealed class FeedLagAlarm(string feed, FeedLag lag, int threshold, FeedInstruments instruments, AlertDispatcher alerts, TimeProvider time)
{
    public const string Rule = "feed_lag";

    private bool _lagging;

    public void Check(string silo)
    {
        var now = time.GetUtcNow();
        var since = lag.LastItemAt is { } last ? (now - last).TotalSeconds : 0;
        instruments.Lag(feed, lag.ItemsLastMinute, since);
        var lagging = lag.Lagging;
        if (lagging && !_lagging)
        {
            alerts.Dispatch(new AlertRecord(now, silo, Rule, feed, AlertSeverity.Warning, lag.ItemsLastMinute, threshold,
                $"Feed {feed} lags: {lag.ItemsLastMinute} item(s) in the last minute (threshold {threshold}), last item {since:0} s ago"));
        }

        _lagging = lagging;
    }
}
