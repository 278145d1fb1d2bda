using Npgsql;
using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Measuring;
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

    [RequiresServersFact]
    public async Task ABatchPartlyStoredBeforeIsCompletedWithoutStoringAnyRowTwice()
    {
        await using var dataSource = NpgsqlDataSource.Create(TestServers.Postgres!);
        var store = new PostgresMetricStore(dataSource);
        var silo = $"store-{Guid.NewGuid():N}";
        var at = DateTimeOffset.UtcNow;
        var batch = Enumerable.Range(0, 50)
            .Select(i => new MetricAggregate(at, silo, "operation_count", $"{{\"operation\":\"op{i}\"}}", MetricKind.Counter, i, 1, i, i, null))
            .ToList();

        // The first half arrives, then the whole batch (a replay), then the whole batch again (a retry).
        await store.WriteAsync(batch[..25], [], CancellationToken.None);
        await store.WriteAsync(batch, [], CancellationToken.None);
        await store.WriteAsync(batch, [], CancellationToken.None);

        await using var command = dataSource.CreateCommand("SELECT count(*), count(DISTINCT labels), sum(value) FROM metrics WHERE silo = @silo");
        command.Parameters.AddWithValue("silo", silo);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal((50L, 50L, Enumerable.Range(0, 50).Sum(i => (double)i)), (reader.GetInt64(0), reader.GetInt64(1), reader.GetDouble(2)));
    }
}
