using OrleansBots.Monitoring.Measuring;

namespace OrleansBots.Feeds;

/// <summary>
/// What the feeds record, labelled by feed: <c>feed_items_processed</c> (delivered), <c>feed_items_dropped</c> by reason
/// (<c>duplicate</c>, <c>over_cap</c>), <c>feed_gaps</c>, the lag gauges <c>feed_items_per_minute</c> and
/// <c>feed_seconds_since_last_item</c>, and <c>feed_delivery_lag</c> (seconds from the feed's connection receiving an item
/// to a silo's consumer of the feed's stream having it: the fan-out's lag).
/// </summary>
public sealed class FeedInstruments(Measurements measurements)
{
    public const string ItemsDropped = "feed_items_dropped";
    public const string Gaps = "feed_gaps";
    public const string ItemsPerMinute = "feed_items_per_minute";
    public const string SecondsSinceLastItem = "feed_seconds_since_last_item";
    public const string DeliveryLag = "feed_delivery_lag";

    public void Delivered(string feed) => measurements.Count(MetricNames.FeedItemsProcessed, 1, Label(feed));

    public void Dropped(string feed, string reason) =>
        measurements.Count(ItemsDropped, 1, Label(feed), new KeyValuePair<string, object?>("reason", reason));

    public void Gap(string feed) => measurements.Count(Gaps, 1, Label(feed));

    public void Lag(string feed, int itemsPerMinute, double secondsSinceLastItem)
    {
        measurements.SetGauge(ItemsPerMinute, itemsPerMinute, Label(feed));
        measurements.SetGauge(SecondsSinceLastItem, secondsSinceLastItem, Label(feed));
    }

    /// <summary>A silo's consumer of the feed got an item <paramref name="lag"/> after the feed's connection received it.</summary>
    public void Delivery(string feed, TimeSpan lag) => measurements.TrackDuration(DeliveryLag, lag, Label(feed));

    private static KeyValuePair<string, object?> Label(string feed) => new("feed", feed);
}
