using Npgsql;
using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Query;
using OrleansBots.Monitoring.Store;
using OrleansBots.Silo.Tests.Infrastructure;
using OrleansBots.Tests.Monitoring.Measuring;
using OrleansBots.Tests.Monitoring.Pipeline;

namespace OrleansBots.Silo.Tests.Monitoring.Metrics;

public sealed class PostgresMetricStoreTests
{
    [RequiresServersFact]
    public async Task CapacityLevelsCrossedAtOneInstantAreAllStoredAndAReplayStoresNoneTwice()
    {
        await using var dataSource = NpgsqlDataSource.Create(TestServers.Postgres!);
        var store = new PostgresMetricStore(dataSource);
        var silo = $"store-{Guid.NewGuid():N}";
        var at = DateTimeOffset.UtcNow;
        AlertRecord[] alerts =
        [
            new(at, silo, "capacity", "platform", AlertSeverity.Warning, 100, 80, "Capacity above 80%"),
            new(at, silo, "capacity", "platform", AlertSeverity.Critical, 100, 95, "Capacity above 95%"),
            new(at, silo, "capacity", "platform", AlertSeverity.Critical, 100, 100, "Platform full"),
        ];

        await store.WriteAsync([], alerts, CancellationToken.None);
        await store.WriteAsync([], alerts, CancellationToken.None);

        await using var command = dataSource.CreateCommand("SELECT threshold FROM alerts WHERE silo = @silo ORDER BY threshold");
        command.Parameters.AddWithValue("silo", silo);
        var thresholds = new List<double>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            thresholds.Add(reader.GetDouble(0));
        }

        Assert.Equal([80.0, 95.0, 100.0], thresholds);
    }
}
