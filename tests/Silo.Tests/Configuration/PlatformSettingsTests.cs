using Microsoft.Extensions.Configuration;
using OrleansBots.Capacity;
using OrleansBots.Silo.Configuration;

namespace OrleansBots.Silo.Tests.Configuration;

public sealed class PlatformSettingsTests
{
    private static (PlatformSettings? Settings, IReadOnlyList<string> Problems) Read(params (string Key, string Value)[] values) =>
        PlatformSettings.Read(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());

    [Fact]
    public void UnsetSettingsTakeTheSeedPlatformsDefaults()
    {
        var (settings, problems) = Read();

        Assert.Empty(problems);
        Assert.Equal(new PlatformLimits(200, 1, 500, 80, 100), settings!.Limits);
        Assert.Equal((5, 1000), (settings.WebsocketReconnectSeconds, settings.MaxTokensPerMinute));
    }

    [Fact]
    public void SettingsAreReadByTheirExactNames()
    {
        var (settings, _) = Read(("MAX_CONCURRENT_BOTS", "150"), ("MAX_BOTS_PER_USER", "3"), ("MAX_TRADES_PER_DAY", "42"), ("ALERT_THRESHOLD", "70"), ("MAX_SIGNALS_PER_MINUTE", "9"), ("WEBSOCKET_RECONNECT", "7"), ("MAX_TOKENS_PER_MINUTE", "11"));

        Assert.Equal(new PlatformLimits(150, 3, 42, 70, 9), settings!.Limits);
        Assert.Equal((7, 11), (settings.WebsocketReconnectSeconds, settings.MaxTokensPerMinute));
    }

    [Theory]
    [InlineData("MAX_CONCURRENT_BOTS", "abc")]
    [InlineData("MAX_CONCURRENT_BOTS", "0")]
    [InlineData("MAX_CONCURRENT_BOTS", "-5")]
    [InlineData("MAX_CONCURRENT_BOTS", "2.5")]
    [InlineData("MAX_BOTS_PER_USER", "0")]
    [InlineData("MAX_TRADES_PER_DAY", "-1")]
    [InlineData("ALERT_THRESHOLD", "101")]
    [InlineData("ALERT_THRESHOLD", "0")]
    [InlineData("WEBSOCKET_RECONNECT", "soon")]
    [InlineData("MAX_TOKENS_PER_MINUTE", "0")]
    [InlineData("MAX_SIGNALS_PER_MINUTE", "-3")]
    public void AnInvalidValueIsReportedByTheSettingsName(string name, string value)
    {
        var (settings, problems) = Read((name, value));

        Assert.Null(settings);
        Assert.StartsWith(name, Assert.Single(problems));
        Assert.Contains(value, problems[0]);
    }

    [Fact]
    public void EveryInvalidSettingIsReportedAtOnce()
    {
        var (_, problems) = Read(("MAX_CONCURRENT_BOTS", "x"), ("ALERT_THRESHOLD", "500"));

        Assert.Equal(2, problems.Count);
    }
}
