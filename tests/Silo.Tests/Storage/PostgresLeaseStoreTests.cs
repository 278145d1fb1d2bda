using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Configuration;
using Orleans.Storage;
using OrleansBots.Capacity;
using OrleansBots.Silo.Storage;
using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Storage;

/// <summary>The capacity grain's leases in the real PostgreSQL of the test run, as the silo stores them there.</summary>
public sealed class PostgresLeaseStoreTests
{
    private static readonly PlatformLimits Roomy = PlatformLimits.Defaults with { MaxConcurrentBots = 1_000_000, MaxBotsPerUser = 1_000_000 };

    // The PostgreSQL store writes each batch as rows and never compacts: the table is not read.
    private static readonly LeaseTable Unused = new(TimeSpan.FromSeconds(30));

    [RequiresServersFact]
    public async Task BatchesOfGrantsAndReleasesLoadBackAsTheLeasesThatAreHeld()
    {
        await using var data = await StartAsync();
        var service = SiloEnvironment.NewServiceId("leases");
        var table = new LeaseTable(TimeSpan.FromSeconds(30));
        var store = Store(data, service);
        Assert.Empty(await store.LoadAsync("global"));
        for (var i = 0; i < 2000; i++)
        {
            table.TryAcquire($"bot-{i}", $"user-{i % 7}", Roomy, null, DateTimeOffset.UtcNow);
        }

        await store.SaveAsync(table.TakeChanges(), table);
        for (var i = 0; i < 1000; i++)
        {
            table.Release($"bot-{i}");
        }

        var batch = table.TakeChanges();
        await store.SaveAsync(batch, table);

        // A retried write of the same batch changes nothing.
        await store.SaveAsync(batch, table);

        var loaded = await Store(data, service).LoadAsync("global");
        Assert.Equal(table.Records().OrderBy(l => l.BotId, StringComparer.Ordinal), loaded.OrderBy(l => l.BotId, StringComparer.Ordinal));
        Assert.Empty(await Store(data, service).LoadAsync("other-key"));
    }

    [RequiresServersFact]
    public async Task AStaleActivationCannotWriteOnceAnotherHasLoaded()
    {
        await using var data = await StartAsync();
        var service = SiloEnvironment.NewServiceId("leases");
        var first = Store(data, service);
        await first.LoadAsync("global");
        await first.SaveAsync(new LeaseBatch([new LeaseRecord("a", "u")], []), Unused);

        var second = Store(data, service);
        await second.LoadAsync("global");
        await second.SaveAsync(new LeaseBatch([new LeaseRecord("b", "u")], []), Unused);

        await Assert.ThrowsAsync<InconsistentStateException>(() => first.SaveAsync(new LeaseBatch([new LeaseRecord("c", "u")], ["a"]), Unused));
        Assert.Equal(["a", "b"], (await Store(data, service).LoadAsync("global")).Select(l => l.BotId).Order(StringComparer.Ordinal));
    }

    private static PostgresLeaseStore Store(NpgsqlDataSource data, string service) =>
        new(data, Microsoft.Extensions.Options.Options.Create(new ClusterOptions { ServiceId = service }), PostgresRetries.Default());

    private static async Task<NpgsqlDataSource> StartAsync()
    {
        await new SchemaMigrator(TestServers.Postgres!, NullLogger.Instance).ApplyAsync(CancellationToken.None);
        return NpgsqlDataSource.Create(TestServers.Postgres!);
    }
}
