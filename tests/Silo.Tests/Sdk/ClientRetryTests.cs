using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OrleansBots.Client;
using OrleansBots.Tests;

namespace OrleansBots.Silo.Tests.Sdk;

/// <summary>
/// The retries of the registered clients against a scripted HTTP server: Retry-After is honoured on 429 and 503,
/// a wait longer than the client's limit reaches the caller as the typed exception, and a POST that failed after the
/// platform may have acted (a 502) is not sent again while a GET is.
/// </summary>
public sealed class ClientRetryTests
{
    private const string Capacity = """{"success":true,"capacity":{"current_bots":1,"max_bots":2,"percent_used":50.0,"available_slots":1,"status":"HEALTHY","can_accept_new":true}}""";

    [Fact]
    public async Task A503WithRetryAfterIsRetriedAfterThatWait()
    {
        var requests = 0;
        await using var server = new LoopbackServer(async context =>
        {
            if (Interlocked.Increment(ref requests) == 1)
            {
                await Reply(context, 503, """{"success":false,"error":"busy","retry_after_seconds":1}""", retryAfter: 1);
            }
            else
            {
                await Reply(context, 200, Capacity);
            }
        });
        using var services = Services(server.BaseUrl);
        var watch = Stopwatch.StartNew();

        var capacity = await services.GetRequiredService<IOrleansBotsAdminClient>().GetCapacityAsync();

        Assert.Equal(1, capacity.Capacity.CurrentBots);
        Assert.Equal(2, requests);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {watch.Elapsed}");
    }

    [Fact]
    public async Task A429OnAPostIsRetriedBecauseThePlatformDidNothing()
    {
        var requests = 0;
        await using var server = new LoopbackServer(async context =>
        {
            if (Interlocked.Increment(ref requests) == 1)
            {
                await Reply(context, 429, """{"success":false,"error":"slow down","limit":"bot_action_cooldown","retry_after_seconds":1}""", retryAfter: 1);
            }
            else
            {
                await Reply(context, 200, Bot);
            }
        });
        using var services = Services(server.BaseUrl);

        var bot = await services.GetRequiredService<IOrleansBotsUserClient>().StartBotAsync("bot_1");

        Assert.Equal("running", bot.Status);
        Assert.Equal(2, requests);
    }

    [Fact]
    public async Task AFullPlatformsMinuteIsNotWaitedOutButThrownWithTheNumbers()
    {
        var requests = 0;
        await using var server = new LoopbackServer(context =>
        {
            Interlocked.Increment(ref requests);
            return Reply(context, 503, """{"success":false,"error":"Server full (2/2 bots active). Try again in a few minutes.","retry_after_seconds":60,"current_bots":2,"max_bots":2}""", retryAfter: 60);
        });
        using var services = Services(server.BaseUrl);

        var full = await Assert.ThrowsAsync<PlatformFullException>(() => services.GetRequiredService<IOrleansBotsUserClient>().StartBotAsync("bot_1"));

        Assert.Equal((2, 2, TimeSpan.FromSeconds(60)), (full.CurrentBots, full.MaxBots, full.RetryAfter));
        Assert.Equal(1, requests);
    }

    [Fact]
    public async Task AFailureThatMayHaveComeAfterThePlatformActedIsRetriedForAGetButNotForAPost()
    {
        var posts = 0;
        var gets = 0;
        await using var server = new LoopbackServer(context =>
        {
            // Every POST fails; only the first GET does.
            var fails = context.Request.HttpMethod == "POST" ? Interlocked.Increment(ref posts) > 0 : Interlocked.Increment(ref gets) == 1;
            return fails
                ? Reply(context, 502, """{"success":false,"error":"bad gateway"}""")
                : Reply(context, 200, Bot);
        });
        using var services = Services(server.BaseUrl);
        var user = services.GetRequiredService<IOrleansBotsUserClient>();

        var refused = await Assert.ThrowsAsync<OrleansBotsApiException>(() => user.StartBotAsync("bot_1"));
        var bot = await user.GetBotAsync("bot_1");

        Assert.Equal((HttpStatusCode.BadGateway, 1), (refused.StatusCode, posts));
        Assert.Equal((2, "bot_1"), (gets, bot.BotId));
    }

    private const string Bot = """
        {"bot_id":"bot_1","user_id":"u","name":"b","kind":"trading","strategy":"ma_crossover","symbols":["BTCUSDT"],"tick_seconds":5,
         "short_window":5,"long_window":20,"trade_quantity":0.01,"status":"running","failure_reason":null,"created_at":"2026-01-01T00:00:00Z",
         "started_at":"2026-01-01T00:00:00Z","ticks":0,"last_tick_at":null,"trades_total":0,"restarts":0,"silo":"s"}
        """;

    private static ServiceProvider Services(Uri baseAddress)
    {
        var services = new ServiceCollection();
        services.AddOrleansBotsClient(o =>
        {
            o.BaseAddress = baseAddress;
            o.AdminToken = "admin";
            o.ApiKey = "u.key";
        });
        return services.BuildServiceProvider();
    }

    private static async Task Reply(HttpListenerContext context, int status, string json, int? retryAfter = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (retryAfter is { } seconds)
        {
            context.Response.AddHeader("Retry-After", seconds.ToString());
        }

        var body = Encoding.UTF8.GetBytes(json);
        await context.Response.OutputStream.WriteAsync(body);
        context.Response.Close();
    }
}
