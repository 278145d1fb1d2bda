using System.Net.Http.Headers;
using System.Text.Json;
using OrleansBots.Client;
using OrleansBots.Contracts;
using OrleansBots.Silo.Tests.Infrastructure;
using OrleansBots.Tests.Monitoring.Measuring;
using OrleansBots.Tests.Monitoring.Pipeline;

namespace OrleansBots.Silo.Tests.Monitoring.Alerts;

/// <summary>A real silo process with <c>Alerts__WebhookUrl</c> set: its alerts reach a receiver on 127.0.0.1.</summary>
public sealed class AlertDeliveryTests
{
    private const string Token = "alert-test-admin-token-0123456789abc";

    [Fact]
    public async Task AFullPlatformSendsItsCapacityAlertsToTheWebhookAndShowsThemInStats()
    {
        using var receiver = new WebhookReceiver();
        using var data = new TempFolder();
        await using var silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["DATA_DIR"] = data.Path,
            ["ADMIN_TOKEN"] = Token,
            ["MAX_CONCURRENT_BOTS"] = "1",
            ["Alerts__WebhookUrl"] = receiver.Url("/hooks/alerts?token=s3cret"),
        });
        await silo.WaitReadyAsync();
        using var http = silo.CreateHttpClient();
        var admin = new OrleansBotsAdminClient(http, Token);
        var created = await admin.CreateUserAsync(new CreateUserRequest("alice"));
        var alice = new OrleansBotsUserClient(http, created.ApiKey);
        var bot = await alice.CreateBotAsync(new CreateBotRequest("b1", "trading", ["BTCUSDT"], 5));

        await alice.StartBotAsync(bot.BotId);
        // A busy machine may also raise resource alerts (cpu, memory) meanwhile; the capacity ones are counted.
        var posted = new List<JsonElement>();
        for (var received = 0; posted.Count < 3 && received < 20; received++)
        {
            var request = await receiver.NextAsync(TimeSpan.FromSeconds(20));
            Assert.Equal("/hooks/alerts?token=s3cret", request.PathAndQuery);
            var alert = JsonDocument.Parse(request.Body).RootElement.Clone();
            if (alert.GetProperty("rule").GetString() == "capacity")
            {
                posted.Add(alert);
            }
        }

        var stats = await admin.GetStatsAsync();
        using var page = new HttpRequestMessage(HttpMethod.Get, "admin");
        page.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var pageResponse = await http.SendAsync(page);
        var html = await pageResponse.Content.ReadAsStringAsync();
        await alice.StopBotAsync(bot.BotId);

        Assert.All(posted, p => Assert.Equal("platform", p.GetProperty("scope").GetString()));
        Assert.Equal([80.0, 95.0, 100.0], posted.Select(p => p.GetProperty("threshold").GetDouble()).Order());
        Assert.Equal(["critical", "critical", "warning"], posted.Select(p => p.GetProperty("severity").GetString()).Order());
        var alerts = stats.Alerts.Where(a => a.Rule == "capacity").ToList();
        Assert.Equal([80, 95, 100], alerts.Select(a => a.ThresholdPercent ?? 0).Order());
        Assert.All(alerts, a => Assert.Equal((1, 1), (a.CurrentBots, a.MaxBots)));
        Assert.Contains("Platform full: 1/1 bots running", html);
        Assert.Contains("Alert capacity on platform", silo.Log);
        Assert.Contains($"webhook at http://127.0.0.1:{receiver.Port}", silo.Log);
        Assert.DoesNotContain("/hooks/alerts", silo.Log);
        Assert.DoesNotContain("s3cret", silo.Log);
    }

    [Fact]
    public async Task AnAlertOfTheLastBatchCollectedAtAGracefulStopStillReachesTheWebhook()
    {
        using var receiver = new WebhookReceiver();
        using var data = new TempFolder();
        await using var silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["DATA_DIR"] = data.Path,
            ["ADMIN_TOKEN"] = Token,
            ["Metrics__IntervalSeconds"] = "3600",
            ["Alerts__MemoryPercent"] = "0.001",
            ["Alerts__WebhookUrl"] = receiver.Url("/hooks/alerts"),
        });
        await silo.WaitReadyAsync();

        // The first batch is the one collected at the stop; the webhook must still be running to send its alert.
        var exitCode = await silo.TerminateAsync(TimeSpan.FromSeconds(60));

        // A busy machine may add a cpu alert to the same batch; the memory alert must be among what was sent.
        var rules = new List<string?>();
        while (!rules.Contains("memory"))
        {
            var request = await receiver.NextAsync(TimeSpan.FromSeconds(5));
            rules.Add(JsonDocument.Parse(request.Body).RootElement.GetProperty("rule").GetString());
        }

        Assert.Equal(0, exitCode);
        Assert.Contains("memory", rules);
    }
}
