using OrleansBots.Monitoring.Measuring;

namespace OrleansBots.Bots;

/// <summary>
/// What bots record, through the silo's <see cref="Measurements"/> under the platform's metric names: how late
/// ticks start and how long they take, trades by status, chat messages answered. Thread-safe; one per silo.
/// </summary>
public sealed class BotInstruments(Measurements measurements)
{
    public long StartTimestamp() => measurements.StartTimestamp();

    /// <summary>How late a tick started against its due time; a tick that started early counts as on time.</summary>
    public void TickLag(TimeSpan lag) => measurements.TrackDuration(MetricNames.BotTickLag, lag > TimeSpan.Zero ? lag : TimeSpan.Zero);

    public void TickEnded(long startTimestamp, bool succeeded) =>
        measurements.RecordOperation(MetricNames.Operations.BotTick, startTimestamp, succeeded);

    /// <summary>The trade was made.</summary>
    public void TradeFilled(long startTimestamp) => Trade(startTimestamp, succeeded: true, "filled");

    /// <summary>The daily trade quota refused the trade: the bot did its job, so the operation succeeded.</summary>
    public void TradeRefused(long startTimestamp) => Trade(startTimestamp, succeeded: true, "refused");

    /// <summary>The quota could not be asked: the trade was not made.</summary>
    public void TradeFailed(long startTimestamp) => Trade(startTimestamp, succeeded: false, "failed");

    public void ChatAnswered() =>
        measurements.Count(MetricNames.FeedItemsProcessed, 1, new KeyValuePair<string, object?>("kind", "chat_message"));

    private void Trade(long startTimestamp, bool succeeded, string status)
    {
        measurements.RecordOperation(MetricNames.Operations.Trade, startTimestamp, succeeded);
        measurements.Count(MetricNames.Trades, 1, new KeyValuePair<string, object?>("status", status));
    }
}
