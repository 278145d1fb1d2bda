using Microsoft.Extensions.Time.Testing;
using OrleansBots.Chat;

namespace OrleansBots.Tests.Chat;

public sealed class SendBudgetTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-02T12:00:00Z"));

    [Fact]
    public void TwentyMessagesPassPerThirtySecondsAndTheNextOneWaitsForTheWindowAndItsMargin()
    {
        var budget = new SendBudget(new ChatOptions(), _time);

        var granted = Enumerable.Range(0, 25).Count(_ => budget.TrySend(moderator: false).Granted);
        var refused = budget.TrySend(moderator: false);
        _time.Advance(TimeSpan.FromSeconds(32.9));
        var stillRefused = budget.TrySend(moderator: false).Granted;
        _time.Advance(TimeSpan.FromSeconds(0.1));

        Assert.Equal(20, granted);
        Assert.False(refused.Granted);
        Assert.Equal(TimeSpan.FromSeconds(33), refused.RetryAfter);
        Assert.False(stillRefused);
        Assert.True(budget.TrySend(moderator: false).Granted);
    }

    [Fact]
    public void AModeratedChannelTakesAHundredButThenOrdinaryChannelsMustWait()
    {
        var budget = new SendBudget(new ChatOptions(), _time);

        var granted = Enumerable.Range(0, 120).Count(_ => budget.TrySend(moderator: true).Granted);

        Assert.Equal(100, granted);
        Assert.False(budget.TrySend(moderator: false).Granted);
    }

    [Fact]
    public void TwentyJoinsPassPerTenSeconds()
    {
        var budget = new SendBudget(new ChatOptions(), _time);

        var first = Enumerable.Range(0, 30).Count(_ => budget.TryJoin().Granted);
        _time.Advance(TimeSpan.FromSeconds(11));
        var later = Enumerable.Range(0, 30).Count(_ => budget.TryJoin().Granted);

        Assert.Equal(20, first);
        Assert.Equal(20, later);
    }
}
