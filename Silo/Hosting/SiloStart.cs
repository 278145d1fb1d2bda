using System.Runtime;
using OrleansBots.Silo.Auth;
using OrleansBots.Hardware;
using OrleansBots.Silo.Configuration;
using OrleansBots.Silo.Storage;

namespace OrleansBots.Silo.Hosting;

/// <summary>What the silo does once it is built and its settings are checked, before Orleans starts.</summary>
public static class SiloStart
{
    /// <summary>Logs where settings came from, the limits, clustering, storage, the hardware and the GC, and loads the admin token.</summary>
    public static ILogger LogStart(this WebApplication app, string? dotEnv)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OrleansBots");
        var limits = app.Services.GetRequiredService<PlatformSettings>().Limits;
        var storage = app.Services.GetRequiredService<StorageSettings>();
        var cacheSizeConfigured = HardwareStartup.CacheSizeConfigured(app.Configuration);
        log.LogInformation(".env: {DotEnv}", dotEnv ?? "none found");
        log.LogInformation(
            "Limits: MAX_CONCURRENT_BOTS={Max} MAX_BOTS_PER_USER={PerUser} MAX_TRADES_PER_DAY={Trades} ALERT_THRESHOLD={Alert}",
            limits.MaxConcurrentBots, limits.MaxBotsPerUser, limits.MaxTradesPerDay, limits.AlertThreshold);
        log.LogInformation(storage.Redis is null
            ? "Clustering: localhost, one silo (ConnectionStrings__Redis is not set)"
            : "Clustering: Redis at {Redis}", storage.DescribeRedis());
        log.LogInformation(storage.Postgres is null
            ? "Storage: in memory; state is lost when the silo stops (ConnectionStrings__Postgres is not set)"
            : "Storage: PostgreSQL at {Postgres}", storage.DescribePostgres());
        foreach (var line in HardwareStartup.Describe(app.Services.GetRequiredService<SiloHardware>(), cacheSizeConfigured).Split('\n'))
        {
            log.LogInformation("{Hardware}", line);
        }

        log.LogInformation("{GarbageCollector}", HardwareStartup.DescribeGarbageCollector(GCSettings.IsServerGC, GCSettings.LatencyMode));
        app.Services.GetRequiredService<AdminToken>();
        return log;
    }

    /// <summary>Brings the PostgreSQL schema up to date unless <c>Storage:MigrateOnStart</c> is false; false when PostgreSQL could not be prepared.</summary>
    public static async Task<bool> PrepareStorageAsync(this WebApplication app, ILogger log)
    {
        var storage = app.Services.GetRequiredService<StorageSettings>();
        if (storage.Postgres is null || !app.Configuration.GetValue("Storage:MigrateOnStart", true))
        {
            return true;
        }

        try
        {
            await new SchemaMigrator(storage.Postgres, log).ApplyAsync(CancellationToken.None);
            return true;
        }
        catch (Exception error) when (error is Npgsql.NpgsqlException or System.Net.Sockets.SocketException or ArgumentException)
        {
            log.LogCritical("PostgreSQL at {Where} could not be prepared: {Error}. The silo did not start.", storage.DescribePostgres(), error.Message);
            return false;
        }
    }
}
