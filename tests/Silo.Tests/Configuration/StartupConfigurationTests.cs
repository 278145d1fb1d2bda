using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Configuration;

/// <summary>The real silo process refuses bad settings at start and reads a .env file.</summary>
public sealed class StartupConfigurationTests
{
    [Theory]
    [InlineData("MAX_CONCURRENT_BOTS", "lots")]
    [InlineData("MAX_BOTS_PER_USER", "-1")]
    [InlineData("ALERT_THRESHOLD", "0")]
    [InlineData("Orleans__SiloPort", "abc")]
    [InlineData("Bots__TradesKept", "0")]
    [InlineData("Capacity__LeaseDuration", "soon")]
    [InlineData("ConnectionStrings__Postgres", "garbage;;=")]
    [InlineData("Cooldowns__HourlyQuota", "-1")]
    [InlineData("Cooldowns__MaxIdleTime", "00:10:00")]
    [InlineData("Market__Source", "coinbase")]
    [InlineData("Market__BaseUrl", "ftp://example.com")]
    [InlineData("Market__PriceTtlSeconds", "0")]
    [InlineData("Egress__DecreaseFactor", "2")]
    [InlineData("Alerts__CpuPercent", "150")]
    [InlineData("Alerts__CooldownPeriod", "300")]
    [InlineData("Alerts__WebhookUrl", "hooks.example.com/alerts")]
    [InlineData("Hardware__CpuTargetUsage", "150")]
    [InlineData("Hardware__MemoryTargetUsage", "5")]
    [InlineData("Hardware__AutoAdapt", "maybe")]
    [InlineData("Metrics__IntervalSeconds", "0")]
    [InlineData("Metrics__RetentionDays", "0")]
    [InlineData("COOLDOWN_PERIOD", "soon")]
    [InlineData("ADMIN_TOKEN", "only-31-characters-long-token-x")]
    [InlineData("RateLimits__PerApiKeyPermits", "0")]
    [InlineData("Users__MaxOwnedBots", "0")]
    [InlineData("Users__TradeCountWriteDelay", "00:00:00")]
    [InlineData("Users__TradeCountGathering", "00:00:02")]
    [InlineData("Storage__PostgresPoolSize", "none")]
    [InlineData("Orleans__Tls__CertificatePath", "/nonexistent/cluster.pfx")]
    public async Task AnInvalidSettingStopsTheSiloWithAMessageNamingIt(string name, string value)
    {
        using var data = new TempFolder();
        await using var silo = SiloProcess.Start(new Dictionary<string, string> { ["DATA_DIR"] = data.Path, [name] = value });

        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exitCode);
        Assert.Equal(2, exitCode);
        Assert.Contains("Invalid configuration: ", silo.Log);
        Assert.Contains(name.Split("__")[^1], silo.Log.Split('\n').First(line => line.StartsWith("Invalid configuration: ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("Hardware__AutoAdapt", "maybe")]
    [InlineData("Hardware__CpuTargetUsage", "150")]
    public async Task AnInvalidSettingStopsTheSiloAlsoWhenItStartsAwayFromItsAppsettings(string name, string value)
    {
        // Without appsettings.json every category logs at Information, so building the host already asks for the silo's load.
        using var folder = new TempFolder();
        await using var silo = SiloProcess.Start(new Dictionary<string, string> { ["DATA_DIR"] = folder.Path, [name] = value }, workingDirectory: folder.Path);

        var exitCode = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        Assert.Contains(name.Split("__")[^1], silo.Log.Split('\n').First(line => line.StartsWith("Invalid configuration: ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ADotEnvFileNextToTheSiloIsReadAsEnvironment()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, ".env"), "MAX_CONCURRENT_BOTS=77\nADMIN_TOKEN=from-dotenv-token-0123456789abcdef\n");
        await using var silo = SiloProcess.Start(new Dictionary<string, string> { ["DATA_DIR"] = folder.Path }, workingDirectory: folder.Path);
        await silo.WaitReadyAsync();
        using var http = silo.CreateHttpClient();

        var capacity = await new Client.OrleansBotsAdminClient(http, "from-dotenv-token-0123456789abcdef").GetCapacityAsync();

        Assert.Equal(77, capacity.Capacity.MaxBots);
        Assert.DoesNotContain("from-dotenv-token-0123456789abcdef", silo.Log);
    }
}
