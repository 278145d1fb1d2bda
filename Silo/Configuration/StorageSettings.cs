using Npgsql;

namespace OrleansBots.Silo.Configuration;

/// <summary>Which servers the silo uses; unset connection strings mean the embedded default.</summary>
public sealed record StorageSettings(string? Postgres, string? Redis)
{
    public static StorageSettings Read(IConfiguration configuration) => new(
        NullIfBlank(configuration.GetConnectionString("Postgres")),
        NullIfBlank(configuration.GetConnectionString("Redis")));

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
