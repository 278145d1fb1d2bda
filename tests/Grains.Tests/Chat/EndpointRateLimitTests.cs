using Microsoft.Extensions.Options;
using OrleansBots.Market.Egress;

namespace OrleansBots.Tests.Chat;

/// <summary>Helper APIs' own limits (an encyclopedia at 1 request/s, a games database at 4/s) in the cluster's egress budgets.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class EndpointRateLimitTests(ChatClusterFixture fixture)
{
    [Theory]
    [InlineData("endpoint:encyclopedia.test", 1.0, 1)]
    [InlineData("endpoint:games-db.test", 4.0, 4)]
    public async Task AnEndpointsOwnRateIsOneBudgetForTheCluster(string host, double perSecond, int expected)
    {
        var scope = EgressScopes.WithRate(host, perSecond);

        // Two silos' doors onto the same grain: together they get the endpoint's rate, not twice it.
        var doors = Enumerable.Range(0, 2).Select(_ => new EgressBudget(fixture.Grains, Options.Create(new EgressOptions()), TimeProvider.System)).ToList();
        var window = await AlignToWindowAsync();
        var granted = 0;
        for (var i = 0; i < 10; i++)
        {
            granted += (await doors[i % 2].TryAcquireAsync(scope, 1)).Granted ? 1 : 0;
        }

        Assert.True(DateTimeOffset.UtcNow - window < TimeSpan.FromSeconds(1), "the requests did not fit into one window");
        Assert.Equal(expected, granted);
        Assert.Equal(expected, (await fixture.Grains.GetGrain<IRateLimiterGrain>(scope).GetStats()).Budget);
    }

    [Fact]
    public void ARateBelowOnePerSecondIsOneRequestPerLongerWindow()
    {
        var options = EgressScopes.OptionsFor(EgressScopes.WithRate("endpoint:slow.test", 0.5), new EgressOptions());

        Assert.Equal(1, options.Budget);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Window);
    }

    /// <summary>Waits for the start of a fresh second (the budget's windows are aligned to whole seconds).</summary>
    private static async Task<DateTimeOffset> AlignToWindowAsync()
    {
        var now = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromMilliseconds(1000 - now.Millisecond + 20));
        return DateTimeOffset.UtcNow;
    }
}
