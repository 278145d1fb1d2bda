using Npgsql;
using OrleansBots.Tests.Monitoring.Measuring;
using OrleansBots.Tests.Monitoring.Pipeline;

namespace OrleansBots.Silo.Tests.Monitoring.Metrics;

/// <summary>Counts what a test stored in the shared test database, by its own silo name.</summary>
public static class MetricRows
{
    public static async Task<(long Rows, long Distinct)> CountAsync(string postgres, string silo)
    {
        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*), count(DISTINCT (ts, name, labels)) FROM metrics WHERE silo = @silo", connection);
        command.Parameters.AddWithValue("silo", silo);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
