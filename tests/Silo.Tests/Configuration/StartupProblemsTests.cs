using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansBots.Capacity;
using OrleansBots.Silo.Configuration;

namespace OrleansBots.Silo.Tests.Configuration;

/// <summary>Every feature's registration checks its section when the host starts, and the problems name the setting.</summary>
public sealed class StartupProblemsTests
{
    [Fact]
    public void ValidSettingsLeaveNoProblem() => Assert.Empty(Problems());

    [Theory]
    [InlineData("Bots:TradesKept", "0")]
    [InlineData("Bots:MemoryHistoryMegabytes", "0")]
    [InlineData("Events:HistoryMegabytes", "0")]
    [InlineData("Capacity:RenewInterval", "00:01:00")]
    [InlineData("Cooldowns:HourlyQuota", "-1")]
    [InlineData("Cache:Shards", "0")]
    [InlineData("Market:Source", "coinbase")]
    [InlineData("Egress:Jitter", "1")]
    [InlineData("Metrics:IntervalSeconds", "0")]
    [InlineData("Alerts:CpuPercent", "150")]
    [InlineData("Hardware:SampleInterval", "00:00:00.001")]
    public void AnInvalidValueInAFeaturesSectionIsAProblemNamingIt(string key, string value)
    {
        var problem = Assert.Single(Problems((key, value)));

        Assert.Contains(key.Split(':')[1], problem);
    }

    [Fact]
    public void AValueThatDoesNotBindIsAProblemNamingItsKey()
    {
        var problem = Assert.Single(Problems(("Capacity:LeaseDuration", "soon")));

        Assert.Contains("Capacity:LeaseDuration", problem);
    }

    [Fact]
    public void LimitsOutOfRangeGetTheSameWordsAtStartAsFromTheAdminApi()
    {
        var (_, problems) = PlatformSettings.Read(new ConfigurationBuilder()
            .AddInMemoryCollection([new("MAX_BOTS_PER_USER", "0")])
            .Build());

        Assert.Equal(LimitRules.Validate(PlatformLimits.Defaults with { MaxBotsPerUser = 0 }), Assert.Single(problems));
    }

    private static IReadOnlyList<string> Problems(params (string Key, string Value)[] values)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
        using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddPlatform()
            .BuildServiceProvider();
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            return [];
        }
        catch (Exception error) when (StartupProblems.Of(error) is { Count: > 0 } problems)
        {
            return problems;
        }
    }
}
