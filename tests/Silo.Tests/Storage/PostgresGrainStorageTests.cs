using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;
using Orleans.Storage;
using OrleansBots.Events;
using OrleansBots.Silo.Configuration;
using OrleansBots.Silo.Hosting;
using OrleansBots.Silo.Storage;
using OrleansBots.Silo.Tests.Infrastructure;
using OrleansBots.Storage;

namespace OrleansBots.Silo.Tests.Storage;

/// <summary>Grain states in the real PostgreSQL of the test run, through the storage the silo configures (nothing is started).</summary>
public sealed class PostgresGrainStorageTests
{
    [RequiresServersFact]
    public async Task StatesWrittenByThousandsOfGrainsAtOnceReadBackWithTheirOwnValuesAndVersions()
    {
        var service = await NewServiceAsync();
        using var host = PostgresHost(service);
        var storage = Storage(host);
        var grains = Enumerable.Range(0, 3000).Select(i => GrainId.Create("bot", i == 1 ? "0042" : i == 2 ? "42" : $"bot-{i}")).ToList();

        // Twice: the first writes insert, the second update over the version the first returned.
        var states = grains.Select((_, i) => new GrainState<BotEventLogState>(new BotEventLogState { Reserved = i })).ToList();
        await Task.WhenAll(grains.Select((grain, i) => storage.WriteStateAsync(StateNames.BotEvents, grain, states[i])));
        states.ForEach(s => s.State!.Reserved *= 10);
        await Task.WhenAll(grains.Select((grain, i) => storage.WriteStateAsync(StateNames.BotEvents, grain, states[i])));

        using var restarted = PostgresHost(service);
        var read = grains.Select(_ => new GrainState<BotEventLogState>()).ToList();
        await Task.WhenAll(grains.Select((grain, i) => Storage(restarted).ReadStateAsync(StateNames.BotEvents, grain, read[i])));

        Assert.All(read, (state, i) => Assert.Equal((i * 10L, states[i].ETag, true), (state.State!.Reserved, state.ETag, state.RecordExists)));
        Assert.Equal(grains.Count, read.Select(s => s.ETag).Distinct().Count());
        var otherName = new GrainState<BotEventLogState>();
        await Storage(restarted).ReadStateAsync(StateNames.Bot, grains[5], otherName);
        Assert.Equal((0L, null, false), (otherName.State!.Reserved, otherName.ETag, otherName.RecordExists));
    }

    [RequiresServersFact]
    public async Task AWriteOrClearOverAVersionAnotherActivationReplacedIsRefused()
    {
        using var host = PostgresHost(await NewServiceAsync());
        var storage = Storage(host);
        var grain = GrainId.Create("bot", "contested");
        await storage.WriteStateAsync(StateNames.BotEvents, grain, new GrainState<BotEventLogState>(new BotEventLogState { Reserved = 1 }));
        var first = new GrainState<BotEventLogState>();
        var second = new GrainState<BotEventLogState>();
        await storage.ReadStateAsync(StateNames.BotEvents, grain, first);
        await storage.ReadStateAsync(StateNames.BotEvents, grain, second);

        first.State!.Reserved = 2;
        await storage.WriteStateAsync(StateNames.BotEvents, grain, first);
        second.State!.Reserved = 3;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateNames.BotEvents, grain, second));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateNames.BotEvents, grain, second));
        var fresh = new GrainState<BotEventLogState>();
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateNames.BotEvents, grain, fresh));

        await storage.ClearStateAsync(StateNames.BotEvents, grain, first);
        var after = new GrainState<BotEventLogState>();
        await storage.ReadStateAsync(StateNames.BotEvents, grain, after);
        Assert.Equal((0L, null, false), (after.State!.Reserved, after.ETag, after.RecordExists));
        Assert.Equal((null, false), (first.ETag, first.RecordExists));
    }

    [RequiresServersFact]
    public async Task ManyActivationsInsertingOneStateAtOnceLeaveExactlyOneWinner()
    {
        using var host = PostgresHost(await NewServiceAsync());
        var storage = Storage(host);
        var grain = GrainId.Create("bot", "raced");

        var attempts = Enumerable.Range(1, 20).Select(async i =>
        {
            try
            {
                await storage.WriteStateAsync(StateNames.BotEvents, grain, new GrainState<BotEventLogState>(new BotEventLogState { Reserved = i }));
                return i;
            }
            catch (InconsistentStateException)
            {
                return 0;
            }
        });
        var winners = (await Task.WhenAll(attempts)).Where(i => i != 0).ToList();

        var stored = new GrainState<BotEventLogState>();
        await storage.ReadStateAsync(StateNames.BotEvents, grain, stored);
        Assert.Equal(winners[0], Assert.Single(winners));
        Assert.Equal(winners[0], stored.State!.Reserved);
    }

    [RequiresServersFact]
    public async Task AnActivationThatReadAStateBeforeItWasClearedCannotWriteOverTheStateCreatedAfter()
    {
        using var host = PostgresHost(await NewServiceAsync());
        var storage = Storage(host);
        var grain = GrainId.Create("bot", "recreated");
        var stale = new GrainState<BotEventLogState>(new BotEventLogState { Reserved = 1 });
        await storage.WriteStateAsync(StateNames.BotEvents, grain, stale);
        var current = new GrainState<BotEventLogState>();
        await storage.ReadStateAsync(StateNames.BotEvents, grain, current);

        await storage.ClearStateAsync(StateNames.BotEvents, grain, current);
        await storage.WriteStateAsync(StateNames.BotEvents, grain, new GrainState<BotEventLogState>(new BotEventLogState { Reserved = 2 }));

        stale.State!.Reserved = 3;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateNames.BotEvents, grain, stale));
        var stored = new GrainState<BotEventLogState>();
        await storage.ReadStateAsync(StateNames.BotEvents, grain, stored);
        Assert.Equal(2, stored.State!.Reserved);
    }

    [RequiresServersFact]
    public async Task AWriteSentAgainAfterItWasAppliedCountsAsWrittenButAnotherWritersIsRefused()
    {
        using var host = PostgresHost(await NewServiceAsync());
        var table = host.Services.GetRequiredService<PostgresStateTable>();
        byte[] first = [1, 2, 3], second = [4, 5, 6];

        var insert = new StateWrite("bot/again", "s", null, first, Guid.NewGuid());
        var inserted = await table.WriteAsync(insert);
        Assert.NotNull(inserted);
        Assert.Equal(inserted, await table.WriteAsync(insert));
        var update = new StateWrite("bot/again", "s", inserted, second, Guid.NewGuid());
        var updated = await table.WriteAsync(update);
        Assert.True(updated > inserted);
        Assert.NotNull(await table.WriteAsync(update));

        // The same payload from another writer over the version it read before the update: refused.
        Assert.Null(await table.WriteAsync(new StateWrite("bot/again", "s", inserted, second, Guid.NewGuid())));
        Assert.Null(await table.WriteAsync(new StateWrite("bot/again", "s", null, second, Guid.NewGuid())));
        Assert.Equal(second, (await table.ReadAsync("bot/again", "s"))!.Payload);
    }

    private static async Task<string> NewServiceAsync()
    {
        await new SchemaMigrator(TestServers.Postgres!, NullLogger.Instance).ApplyAsync(CancellationToken.None);
        return SiloEnvironment.NewServiceId("state");
    }

    private static IGrainStorage Storage(IHost host) => host.Services.GetRequiredKeyedService<IGrainStorage>(StateNames.Store);

    private static IHost PostgresHost(string service)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering();
            silo.Configure<ClusterOptions>(options => options.ServiceId = service);
            OrleansSetup.ConfigureStorage(silo, new StorageSettings(TestServers.Postgres, null));
        });
        return builder.Build();
    }
}
