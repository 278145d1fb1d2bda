using System.Net.Http.Headers;
using OrleansBots.Client;
using OrleansBots.Contracts;
using OrleansBots.Silo.Tests.Infrastructure;
using OrleansBots.Tests.Monitoring.Measuring;
using OrleansBots.Tests.Monitoring.Pipeline;

namespace OrleansBots.Silo.Tests.Monitoring.Metrics;

/// <summary>/metrics of a real silo process (one silo, in memory) after a bot has ticked and traded.</summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task MetricsOfARunningPlatformParseAsPrometheusTextAndCarryThePlatformsNames()
    {
        using var data = new TempFolder();
        await using var silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["DATA_DIR"] = data.Path,
            ["ADMIN_TOKEN"] = "metrics-test-admin-token-0123456789",
            ["Bots__MinTickSeconds"] = "0.05",
            ["Market__Step"] = "00:00:00.100",
            ["Cooldowns__BotActionsPerHour"] = "2",
        });
        await silo.WaitReadyAsync();
        using var http = silo.CreateHttpClient();
        var admin = new OrleansBotsAdminClient(http, "metrics-test-admin-token-0123456789");
        var user = await admin.CreateUserAsync(new CreateUserRequest("metrics-alice"));
        var alice = new OrleansBotsUserClient(http, user.ApiKey);
        var bot = await alice.CreateBotAsync(new CreateBotRequest("ticker", "trading", ["BTCUSDT"], 0.05, 2, 4));
        await alice.StartBotAsync(bot.BotId);
        await Eventually.Get(() => alice.GetTradesAsync(bot.BotId), trades => trades.Count >= 1, TimeSpan.FromSeconds(30), "a trade");
        await admin.CacheGetAsync("metrics-test-missing-key");
        var refused = await Assert.ThrowsAsync<OrleansBots.Client.LimitExceededException>(() => alice.StopBotAsync(bot.BotId));

        // The capacity gauges follow the capacity grain's sweep (every second), so the start may show a moment later.
        var text = await Eventually.Get(() => ScrapeAsync(http), t => t.Contains("\nbots_running{otel_scope_name=\"OrleansBots\"} 1\n", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "bots_running 1");
        var metrics = PrometheusText.Parse(text);

        Assert.Equal(429, (int)refused.StatusCode);
        Assert.Equal("histogram", metrics.Families["operation_execution_time_seconds"].Type);
        Assert.Contains(metrics.Families["operation_execution_time_seconds"].Samples, s => s.Labels.GetValueOrDefault("operation") == "bot_tick");
        Assert.Contains(metrics.Families["operation_execution_time_seconds"].Samples, s => s.Labels.GetValueOrDefault("operation") == "trade");
        Assert.Equal("counter", metrics.Families["operation_count_total"].Type);
        Assert.Contains(metrics.Families["operation_count_total"].Samples, s => s.Labels.GetValueOrDefault("operation") == "bot_tick" && s.Labels.GetValueOrDefault("status") == "success" && s.Value >= 2);
        Assert.Equal("histogram", metrics.Families["bot_tick_lag_seconds"].Type);
        Assert.Equal(1, Single(metrics, "bots_running", "gauge").Value);
        Assert.Equal(100.0 / 200, Single(metrics, "capacity_percent", "gauge").Value);
        Assert.Equal(0, Single(metrics, "cache_hit_rate", "gauge").Value);
        Assert.Contains(metrics.Families["trades_total"].Samples, s => s.Labels.GetValueOrDefault("status") == "filled" && s.Value >= 1);
        Assert.Contains(metrics.Families["rate_limit_rejections_total"].Samples, s => s.Labels.GetValueOrDefault("scope") == "api" && s.Labels.GetValueOrDefault("limit") == "bot_actions_per_hour");
        Assert.True(Single(metrics, "memory_usage_bytes", "gauge").Value > 10_000_000);
        Assert.Equal(["machine", "process"], metrics.Families["cpu_usage_percent"].Samples.Select(s => s.Labels["scope"]).Order());
        Assert.Equal("counter", metrics.Families["disk_io_bytes_total"].Type);
        Assert.Equal(["read", "write"], metrics.Families["disk_io_bytes_total"].Samples.Select(s => s.Labels["operation"]).Order());
        Assert.Contains(metrics.Families["network_bytes_total"].Samples, s => s.Labels.GetValueOrDefault("direction") == "received");
        Assert.DoesNotContain("metrics-test-admin-token-0123456789", text, StringComparison.Ordinal);
        Assert.DoesNotContain(user.ApiKey, text, StringComparison.Ordinal);
    }

    private static PrometheusText.Sample Single(PrometheusText metrics, string family, string type)
    {
        Assert.Equal(type, metrics.Families[family].Type);
        return Assert.Single(metrics.Families[family].Samples);
    }

    private static async Task<string> ScrapeAsync(HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "metrics");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        return await response.Content.ReadAsStringAsync();
    }
}
