using System.Net;
using Orleans.Configuration;
using OrleansBots.Silo.Hosting;

namespace OrleansBots.Silo.Configuration;

/// <summary>
/// Checks the settings the host reads while it is put together (the seed's flat names, the connection strings,
/// Orleans' endpoints), so a bad value stops the start with a message naming it instead of a stack trace from deep
/// inside the host. Every feature's own section is checked after <c>Build()</c>, by its validator.
/// </summary>
public static class StartupChecks
{
    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        var problems = new List<string>();
        try
        {
            configuration.GetSection("Orleans:Membership").Bind(new ClusterMembershipOptions());
        }
        catch (InvalidOperationException error)
        {
            problems.Add($"Orleans:Membership: {error.Message}");
        }

        var storage = StorageSettings.Read(configuration);
        if (storage.Postgres is not null && !StorageSettings.IsValidPostgres(storage.Postgres))
        {
            problems.Add("ConnectionStrings:Postgres is not a valid Npgsql connection string (e.g. Host=127.0.0.1;Database=orleansbots;Username=...)");
        }

        if (configuration["Storage:PostgresPoolSize"] is { Length: > 0 } pool && (!int.TryParse(pool, out var size) || size < 1))
        {
            problems.Add($"Storage:PostgresPoolSize must be a whole number of connections, at least 1 (got '{pool}')");
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

        problems.AddRange(SiloIdentity.Problems(configuration));
        problems.AddRange(DataFolder.Problems(configuration));
        problems.AddRange(Hosting.ClusterTls.Problems(configuration));
        if (orleans["ListenOnAnyHostAddress"] is { Length: > 0 } any && !bool.TryParse(any, out _))
        {
            problems.Add($"Orleans:ListenOnAnyHostAddress must be true or false (got '{any}')");
        }

        if (Auth.AdminToken.Problem(configuration) is { } adminToken)
        {
            problems.Add(adminToken);
        }

        return problems;
    }
}
