using Microsoft.Extensions.Time.Testing;
using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Query;
using OrleansBots.Monitoring.Store;
using OrleansBots.Tests.Monitoring.Measuring;
using OrleansBots.Tests.Monitoring.Pipeline;

namespace OrleansBots.Tests.Monitoring.Alerts;

public sealed class AlertBookTests
{
    private static readonly TimeSpan Cooldown = TimeSpan.FromSeconds(300);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void AValueCrossingItsThresholdFiresOnce()
    {
        var book = new AlertBook(Cooldown, _time);

        Assert.False(book.Observe("cpu", over: false));
        Assert.True(book.Observe("cpu", over: true));
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.False(book.Observe("cpu", over: true));
        _time.Advance(TimeSpan.FromSeconds(280));
        Assert.False(book.Observe("cpu", over: true));
    }

    [Fact]
    public void AValueStillOverFiresAgainOnceTheCooldownHasPassed()
    {
        var book = new AlertBook(Cooldown, _time);
        book.Observe("cpu", over: true);

        _time.Advance(Cooldown - TimeSpan.FromSeconds(1));
        Assert.False(book.Observe("cpu", over: true));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(book.Observe("cpu", over: true));
        Assert.False(book.Observe("cpu", over: true));
    }

    [Fact]
    public void ACrossingAgainWithinTheCooldownDoesNotFire()
    {
        var book = new AlertBook(Cooldown, _time);
        book.Observe("cpu", over: true);

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.False(book.Observe("cpu", over: false));
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.False(book.Observe("cpu", over: true));
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.False(book.Observe("cpu", over: false));

        _time.Advance(Cooldown);
        Assert.True(book.Observe("cpu", over: true));
    }

    [Fact]
    public void KeysAreJudgedApart()
    {
        var book = new AlertBook(Cooldown, _time);

        Assert.True(book.Observe("error_rate|silo-a|trade", over: true));
        Assert.True(book.Observe("error_rate|silo-a|bot_tick", over: true));
        Assert.False(book.Observe("error_rate|silo-a|trade", over: true));
    }

    [Fact]
    public void AKeyBackUnderItsThresholdAfterTheCooldownIsForgotten()
    {
        var book = new AlertBook(Cooldown, _time);
        book.Observe("cpu", over: true);

        _time.Advance(Cooldown);
        book.Observe("cpu", over: false);

        Assert.Equal(0, book.Count);
    }
}
