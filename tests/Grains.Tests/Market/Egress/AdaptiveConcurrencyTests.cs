using OrleansBots.Market.Egress;

namespace OrleansBots.Tests.Market.Egress;

public sealed class AdaptiveConcurrencyTests
{
    private static readonly TimeSpan Fast = TimeSpan.FromMilliseconds(10);

    [Fact]
    public async Task StartsAtEightCallsInFlightAndQueuesTheNinth()
    {
        var concurrency = new AdaptiveConcurrency();
        for (var i = 0; i < 8; i++)
        {
            await concurrency.EnterAsync(CancellationToken.None);
        }

        var ninth = concurrency.EnterAsync(CancellationToken.None);
        Assert.False(ninth.IsCompleted);
        concurrency.Exit(Fast, succeeded: true);
        await ninth.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(8, concurrency.InFlight);
    }

    [Fact]
    public async Task ErrorsCutTheLimitButNeverBelowOne()
    {
        var concurrency = new AdaptiveConcurrency();
        var limits = new List<int>();
        for (var i = 0; i < 60; i++)
        {
            await concurrency.EnterAsync(CancellationToken.None);
            concurrency.Exit(TimeSpan.FromSeconds(5), succeeded: false);
            limits.Add(concurrency.Limit);
        }

        Assert.True(limits[10] < AdaptiveConcurrency.InitialLimit);
        Assert.Equal(AdaptiveConcurrency.MinLimit, limits[^1]);
    }

    [Fact]
    public async Task SteadyFastAnswersRaiseTheLimitUpToTheMaximum()
    {
        var concurrency = new AdaptiveConcurrency();
        for (var i = 0; i < 300; i++)
        {
            await concurrency.EnterAsync(CancellationToken.None);
            concurrency.Exit(Fast, succeeded: true);
        }

        Assert.Equal(AdaptiveConcurrency.MaxLimit, concurrency.Limit);
    }

    [Fact]
    public async Task AnswersThatSlowDownShrinkTheLimit()
    {
        var concurrency = new AdaptiveConcurrency();
        await CallsAsync(concurrency, 300, Fast);
        var before = concurrency.Limit;

        await CallsAsync(concurrency, 30, TimeSpan.FromMilliseconds(200));

        Assert.True(concurrency.Limit < before, $"limit {concurrency.Limit} did not shrink from {before}");
    }

    [Fact]
    public async Task StatsCarryTheSuccessRateAndTheLatencyPercentiles()
    {
        var concurrency = new AdaptiveConcurrency();
        for (var i = 1; i <= 100; i++)
        {
            await concurrency.EnterAsync(CancellationToken.None);
            concurrency.Exit(TimeSpan.FromMilliseconds(i), succeeded: i % 4 != 0);
        }

        var stats = concurrency.Stats;

        Assert.Equal(0.75, stats.SuccessRate, 3);
        Assert.Equal((1.0, 100.0, 95.0, 50.5), (stats.MinMs, stats.MaxMs, stats.P95Ms, stats.AverageMs));
        Assert.Equal(0, stats.InFlight);
    }

    private static async Task CallsAsync(AdaptiveConcurrency concurrency, int count, TimeSpan roundTrip)
    {
        for (var i = 0; i < count; i++)
        {
            await concurrency.EnterAsync(CancellationToken.None);
            concurrency.Exit(roundTrip, succeeded: true);
        }
    }
}
