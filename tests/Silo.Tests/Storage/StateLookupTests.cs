using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OrleansBots.Silo.Configuration;
using OrleansBots.Silo.Storage;
using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Storage;

/// <summary>How the schema's read function finds one grain's state among many of the same name, on the test run's real PostgreSQL.</summary>
public sealed class StateLookupTests
{
    private const int Bots = 20_000;

    [RequiresServersFact]
    public async Task ReadingOneStateTouchesAFewPagesHoweverManyStatesShareItsName()
    {
        await new SchemaMigrator(TestServers.Postgres!, NullLogger.Instance).ApplyAsync(CancellationToken.None);
        await using var data = NpgsqlDataSource.Create(TestServers.Postgres!);
        var serviceId = SiloEnvironment.NewServiceId("lookup");
        await using (var fill = data.CreateCommand(
            """
            INSERT INTO OrleansStorage (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString, PayloadBinary, Version)
            SELECT $1, 'bot', 0, 0, '!3:bot/bot_' || i, '\x01'::bytea, 1 FROM generate_series(1, $2) AS i
            """))
        {
            fill.Parameters.Add(new NpgsqlParameter { Value = serviceId });
            fill.Parameters.Add(new NpgsqlParameter { Value = Bots });
            await fill.ExecuteNonQueryAsync();
        }

        await using var analyze = data.CreateCommand("ANALYZE OrleansStorage");
        await analyze.ExecuteNonQueryAsync();

        // The provider's own query text, with its parameters: the plan the silo gets.
        await using var explain = data.CreateCommand(
            "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT PayloadBinary, Version FROM orleans_storage_read($1, 'bot', 0, 0, $2)");
        explain.Parameters.Add(new NpgsqlParameter { Value = serviceId });
        explain.Parameters.Add(new NpgsqlParameter { Value = $"!3:bot/bot_{Bots / 2}" });
        var plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync())!).RootElement[0].GetProperty("Plan");

        // Walking every index entry of the state name read well over a hundred pages at this size.
        var pages = plan.GetProperty("Shared Hit Blocks").GetInt64() + plan.GetProperty("Shared Read Blocks").GetInt64();
        Assert.Equal(1, plan.GetProperty("Actual Rows").GetInt64());
        Assert.True(pages <= 10, $"one read touched {pages} pages among {Bots:N0} states: {plan}");
    }

    [RequiresServersFact]
    public async Task ApplyingTheSchemaDropsTheFirstVersionsSlowIndex()
    {
        await using var data = NpgsqlDataSource.Create(TestServers.Postgres!);
        await new SchemaMigrator(TestServers.Postgres!, NullLogger.Instance).ApplyAsync(CancellationToken.None);
        await using (var old = data.CreateCommand(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS ux_orleansstorage_identity ON OrleansStorage
                (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, (GrainIdExtensionString IS NULL), (COALESCE(GrainIdExtensionString, '')))
            """))
        {
            await old.ExecuteNonQueryAsync();
        }

        await new SchemaMigrator(TestServers.Postgres!, NullLogger.Instance).ApplyAsync(CancellationToken.None);

        await using var indexes = data.CreateCommand("SELECT indexname FROM pg_indexes WHERE tablename = 'orleansstorage' ORDER BY indexname");
        var names = new List<string>();
        await using (var reader = await indexes.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["ux_orleansstorage_key"], names);
    }
}
