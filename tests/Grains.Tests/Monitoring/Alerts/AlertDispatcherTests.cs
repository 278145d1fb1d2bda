using Microsoft.Extensions.Logging.Abstractions;
using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Query;
using OrleansBots.Monitoring.Store;
using OrleansBots.Tests.Monitoring.Measuring;
using OrleansBots.Tests.Monitoring.Pipeline;

namespace OrleansBots.Tests.Monitoring.Alerts;

public sealed class AlertDispatcherTests
{
    private static readonly AlertRecord Alert = new(
        new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero), "silo-a", "cpu", "silo-a", AlertSeverity.Warning, 95, 90, "CPU at 95%");

    [Fact]
    public void AnAlertReachesTheJournalTheSinksTheRecentListAndSubscribedCallbacks()
    {
        var journal = new RecordingAlertSink();
        var sink = new RecordingAlertSink();
        var recent = new RecentAlerts();
        var dispatcher = new AlertDispatcher([journal], [sink], recent, NullLogger<AlertDispatcher>.Instance);
        var called = new List<AlertRecord>();
        using var subscription = dispatcher.Subscribe(called.Add);

        dispatcher.Dispatch(Alert);

        Assert.Equal([Alert], journal.Alerts);
        Assert.Equal([Alert], sink.Alerts);
        Assert.Equal([Alert], recent.Latest(10));
        Assert.Equal([Alert], called);
    }

    [Fact]
    public void ADisposedSubscriptionIsNoLongerCalled()
    {
        var dispatcher = new AlertDispatcher([], [], new RecentAlerts(), NullLogger<AlertDispatcher>.Instance);
        var called = 0;
        var subscription = dispatcher.Subscribe(_ => called++);

        dispatcher.Dispatch(Alert);
        subscription.Dispose();
        dispatcher.Dispatch(Alert);

        Assert.Equal(1, called);
    }

    [Fact]
    public void AFailingReceiverDoesNotStopTheOthers()
    {
        var sink = new RecordingAlertSink();
        var dispatcher = new AlertDispatcher([], [new ThrowingSink(), sink], new RecentAlerts(), NullLogger<AlertDispatcher>.Instance);
        using var failing = dispatcher.Subscribe(_ => throw new InvalidOperationException("callback broke"));

        dispatcher.Dispatch(Alert);

        Assert.Equal([Alert], sink.Alerts);
    }

    [Fact]
    public void TheRecentListKeepsTheNewestFirstAndIsBounded()
    {
        var recent = new RecentAlerts();
        for (var i = 0; i < RecentAlerts.Kept + 5; i++)
        {
            recent.Add(Alert with { Value = i });
        }

        var latest = recent.Latest(int.MaxValue);

        Assert.Equal(RecentAlerts.Kept, latest.Count);
        Assert.Equal(RecentAlerts.Kept + 4, latest[0].Value);
    }

    private sealed class ThrowingSink : IAlertSink
    {
        public void Deliver(AlertRecord alert) => throw new InvalidOperationException("sink broke");
    }
}
