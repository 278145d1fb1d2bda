using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Store;
using OrleansBots.Silo.Hosting;
using OrleansBots.Silo.Tests.Infrastructure;
using OrleansBots.Tests.Monitoring.Measuring;

namespace OrleansBots.Silo.Tests.Monitoring.Metrics;

public sealed class RetentionTests
{
    [RequiresServersFact]
    public async Task RowsOlderThanTheRetentionAreDeletedInBatchesAndNewerOnesKept()
    {
        var commands = new CommandLog();
        await using var dataSource = new NpgsqlDataSourceBuilder(TestServers.Postgres!).UseLoggerFactory(commands).Build();
        var store = new PostgresMetricStore(dataSource);
        var silo = $"retention-{Guid.NewGuid():N}";
        var now = DateTimeOffset.UtcNow;
        var old = Enumerable.Range(0, 25).Select(i => Aggregates.Counter(now.AddDays(-31).AddSeconds(i), silo, "trades", 1)).ToList();
        var recent = Enumerable.Range(0, 5).Select(i => Aggregates.Counter(now.AddDays(-29).AddSeconds(i), silo, "trades", 1)).ToList();
        await store.WriteAsync(
            [.. old, .. recent],
            [new AlertRecord(now.AddDays(-40), silo, "cpu", silo, AlertSeverity.Warning, 91, 90, "old"), new AlertRecord(now, silo, "cpu", silo, AlertSeverity.Warning, 91, 90, "new")],
            CancellationToken.None);
        var retention = new MetricsRetention(store, Options.Create(new MetricsOptions { RetentionDays = 30, RetentionBatchSize = 10 }), TimeProvider.System, NullLogger<MetricsRetention>.Instance);

        var deleted = await retention.SweepAsync(CancellationToken.None);

        // Batches of 10: one full statement per 10 rows, then the one that found fewer and ended the sweep.
        Assert.True(deleted.Metrics >= 25);
        Assert.Equal(deleted.Metrics / 10 + 1, commands.Executed("DELETE FROM metrics"));
        Assert.True(deleted.Alerts >= 1);
        Assert.Equal(5, (await MetricRows.CountAsync(TestServers.Postgres!, silo)).Rows);
        Assert.Equal(["new"], (await AlertMessagesAsync(silo)).ToArray());
    }

    private static async Task<List<string>> AlertMessagesAsync(string silo)
    {
        await using var connection = new NpgsqlConnection(TestServers.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT message FROM alerts WHERE silo = @silo", connection);
        command.Parameters.AddWithValue("silo", silo);
        var messages = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            messages.Add(reader.GetString(0));
        }

        return messages;
    }

    /// <summary>Records the statements a data source executed (Npgsql logs each one at its end).</summary>
    private sealed class CommandLog : ILoggerFactory, ILoggerProvider, ILogger
    {
        private readonly List<string> _executed = [];

        public int Executed(string statementStart)
        {
            lock (_executed)
            {
                return _executed.Count(text => text.Contains(statementStart, StringComparison.Ordinal));
            }
        }

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            if (message.StartsWith("Command execution completed", StringComparison.Ordinal))
            {
                lock (_executed)
                {
                    _executed.Add(message);
                }
            }
        }

        public void Dispose()
        {
        }
    }
}
