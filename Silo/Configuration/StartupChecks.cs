using System.Net;
using Orleans.Configuration;
using OrleansBots.Bots;
using OrleansBots.Cache;
using OrleansBots.Capacity;
using OrleansBots.Hardware;
using OrleansBots.Market;
using OrleansBots.Market.Egress;
using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Store;
using OrleansBots.Quotas;

namespace OrleansBots.Silo.Configuration;

/// <summary>
/// Checks every section the silo binds before anything starts, so a bad value stops the start with a
/// message naming it instead of a stack trace from deep inside the host.
/// </summary>
public static class StartupChecks
{
    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        var problems = new List<string>();
        Check<CapacityOptions>(configuration, CapacityOptions.Section, problems, o => o.Validate());
        Check<BotOptions>(configuration, BotOptions.Section, problems, o =>
            o.MinTickSeconds <= 0 || o.TradesKept <= 0 || o.SignalsKept <= 0 || o.MaxConsecutiveTickFailures <= 0 || o.SaveInterval <= TimeSpan.Zero
                ? "Bots: MinTickSeconds, TradesKept, SignalsKept, MaxConsecutiveTickFailures and SaveInterval must be positive"
                : null);
        Check<MarketOptions>(configuration, MarketOptions.Section, problems, o => o.Validate());
        Check<EgressOptions>(configuration, EgressOptions.Section, problems, o => o.Validate());
        Check<CacheOptions>(configuration, CacheOptions.Section, problems, o => o.Validate());
        Check<CooldownOptions>(configuration, CooldownOptions.Section, problems, o => o.Validate());
        Check<AlertOptions>(configuration, AlertOptions.Section, problems, o => o.Validate());
        Check<HardwareOptions>(configuration, HardwareOptions.Section, problems, o => o.Validate());
        Check<MetricsOptions>(configuration, MetricsOptions.Section, problems, o => o.Validate());
        Check<ClusterMembershipOptions>(configuration, "Orleans:Membership", problems, _ => null);

        var storage = StorageSettings.Read(configuration);
        if (storage.Postgres is not null && !StorageSettings.IsValidPostgres(storage.Postgres))
        {
            problems.Add("ConnectionStrings:Postgres is not a valid Npgsql connection string (e.g. Host=127.0.0.1;Database=orleansbots;Username=...)");
        }

        if (storage.Redis is not null && !StorageSettings.IsValidRedis(storage.Redis))
        {
            problems.Add("ConnectionStrings:Redis is not a valid Redis configuration (e.g. 127.0.0.1:6379)");
        }

        var orleans = configuration.GetSection("Orleans");
        foreach (var port in new[] { "SiloPort", "GatewayPort" })
        {
            if (orleans[port] is { Length: > 0 } raw && (!int.TryParse(raw, out var value) || value is < 1 or > 65535))
            {
                problems.Add($"Orleans:{port} must be a port number between 1 and 65535 (got '{raw}')");
            }
        }

        if (orleans["AdvertisedIP"] is { Length: > 0 } ip && !IPAddress.TryParse(ip, out _))
        {
            problems.Add($"Orleans:AdvertisedIP must be an IP address (got '{ip}')");
        }

        return problems;
    }

    private static void Check<T>(IConfiguration configuration, string section, List<string> problems, Func<T, string?> validate)
        where T : new()
    {
        var options = new T();
        try
        {
            configuration.GetSection(section).Bind(options);
        }
        catch (InvalidOperationException error)
        {
            problems.Add($"{section}: {error.Message}");
            return;
        }

        if (validate(options) is { } problem)
        {
            problems.Add(problem);
        }
    }
}
