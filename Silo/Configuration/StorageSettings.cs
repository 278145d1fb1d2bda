using System.Data.Common;
using Npgsql;

namespace OrleansBots.Silo.Configuration;

/// <summary>Which servers the silo uses; unset connection strings mean the embedded default.</summary>
public sealed record StorageSettings(string? Postgres, string? Redis)
{
    /// <summary>Connections one pool may open when the connection string does not say (Npgsql's own default is 100).</summary>
    public const int DefaultPostgresPoolSize = 25;

    public static StorageSettings Read(IConfiguration configuration) => new(
        WithPoolSize(NullIfBlank(configuration.GetConnectionString("Postgres")), PoolSize(configuration)),
        NullIfBlank(configuration.GetConnectionString("Redis")));

    /// <summary>
    /// The connection string with <c>Maximum Pool Size</c> set to <paramref name="poolSize"/> unless it names one.
    /// A silo has two pools (its own queries, Orleans' storage and clustering), so Npgsql's default would let three
    /// silos open 600 connections; a frozen silo keeps its own open, and the survivors then met "too many clients".
    /// </summary>
    public static string? WithPoolSize(string? connectionString, int poolSize)
    {
        if (connectionString is null || poolSize < 1 || !IsValidPostgres(connectionString) || NamesPoolSize(connectionString))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = poolSize }.ConnectionString;
    }

    // A bad value is reported by StartupChecks; reading must not throw before it can.
    private static int PoolSize(IConfiguration configuration) =>
        int.TryParse(configuration["Storage:PostgresPoolSize"], out var size) ? size : DefaultPostgresPoolSize;

    private static bool NamesPoolSize(string connectionString)
    {
        var keys = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>();
        return keys.Select(key => key.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()).Any(key => key is "maximumpoolsize" or "maxpoolsize");
    }

    public static bool IsValidPostgres(string connectionString)
    {
        try
        {
            var parts = new NpgsqlConnectionStringBuilder(connectionString);
            return !string.IsNullOrWhiteSpace(parts.Host);
        }
        catch (Exception error) when (error is ArgumentException or KeyNotFoundException or FormatException)
        {
            return false;
        }
    }

    public static bool IsValidRedis(string configuration)
    {
        try
        {
            return StackExchange.Redis.ConfigurationOptions.Parse(configuration).EndPoints.Count > 0;
        }
        catch (Exception error) when (error is ArgumentException or KeyNotFoundException or FormatException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>Where PostgreSQL is, without credentials: connection strings never reach a log.</summary>
    public string DescribePostgres()
    {
        if (Postgres is null)
        {
            return "not configured";
        }

        try
        {
            var parts = new NpgsqlConnectionStringBuilder(Postgres);
            return $"{parts.Host}:{parts.Port}/{parts.Database}";
        }
        catch (Exception error) when (error is ArgumentException or KeyNotFoundException or FormatException)
        {
            return "configured (unparsable connection string)";
        }
    }

    /// <summary>Redis endpoints without passwords.</summary>
    public string DescribeRedis() => Redis is null
        ? "not configured"
        : string.Join(",", Redis.Split(',').Where(part => !part.Contains('=')));

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
