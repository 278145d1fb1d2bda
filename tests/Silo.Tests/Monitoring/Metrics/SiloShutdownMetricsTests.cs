using Npgsql;
using OrleansBots.Client;
using OrleansBots.Contracts;
using OrleansBots.Silo.Tests.Infrastructure;
using OrleansBots.Tests.Monitoring.Measuring;
using OrleansBots.Tests.Monitoring.Pipeline;

namespace OrleansBots.Silo.Tests.Monitoring.Metrics;

/// <summary>A real silo process stopped by SIGTERM before its first metrics interval ends.</summary>
public sealed class SiloShutdownMetricsTests
{
    [RequiresServersFact]
    public async Task ASigtermedSiloStoresTheMeasurementsOfItsLastIntervalInPostgres()
    {
        using var data = new TempFolder();
        var environment = SiloEnvironment.Durable(SiloEnvironment.NewServiceId("metrics-sigterm"), data.Path);
        environment["Metrics__IntervalSeconds"] = "3600";
        await using var process = SiloProcess.Start(environment);
        await process.WaitReadyAsync();
        using var http = process.CreateHttpClient();
        var admin = new OrleansBotsAdminClient(http, SiloEnvironment.AdminToken);
        var silo = (await admin.GetStatsAsync()).Silos.Single().Name;
        var user = await admin.CreateUserAsync(new CreateUserRequest($"sigterm-{Guid.NewGuid():N}"[..20]));
        var owner = new OrleansBotsUserClient(http, user.ApiKey);
        var bot = await owner.CreateBotAsync(new CreateBotRequest("ticker", "trading", ["BTCUSDT"], 0.2, 2, 4));
        await owner.StartBotAsync(bot.BotId);
        await Eventually.Get(() => owner.GetBotAsync(bot.BotId), b => b.Ticks >= 3, TimeSpan.FromSeconds(20), "a few ticks");

        var exitCode = await process.TerminateAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, exitCode);
        Assert.True(await BotTicksStoredAsync(silo) >= 3, "the last interval's bot_tick count reached PostgreSQL");
    }

    private static async Task<long> BotTicksStoredAsync(string silo)
    {
        await using var connection = new NpgsqlConnection(TestServers.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(sum(value), 0) FROM metrics WHERE silo = @silo AND name = 'operation_count' AND labels->>'operation' = 'bot_tick'",
            connection);
        command.Parameters.AddWithValue("silo", silo);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
