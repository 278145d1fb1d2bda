using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using OrleansBots.Capacity;
using OrleansBots.Storage;
using OrleansBots.Users;

namespace OrleansBots.Tests.Users;

/// <summary>A user's own bot limit is held by the capacity grain, which admits their bots with it.</summary>
[Collection(ClusterCollection.Name)]
public sealed class UserBotLimitTests(ClusterFixture fixture) : IAsyncLifetime
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    private ICapacityGrain Capacity => fixture.Grains.GetGrain<ICapacityGrain>(ICapacityGrain.GlobalKey);

    private IServiceProvider Silo => fixture.Cluster.Silos[0].SiloHost.Services;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => Capacity.Release($"{_run}-bot-{i}")));
        await Eventually.Get(() => Capacity.GetCapacity(), c => c.CurrentBots == 0, TimeSpan.FromSeconds(15), "all leases released");
    }

    [Fact]
    public async Task CapacityAdmitsAUserWithTheLimitTheyWereCreatedWithAndEachLaterChangeOfIt()
    {
        var userId = $"{_run}-kim";
        var user = fixture.Grains.GetGrain<IUserGrain>(userId);
        await user.Register([1], new UserLimits(MaxBots: 2, MaxTradesPerDay: null));

        var created = await AcquireAsync(userId, 0, 3);
        await user.ChangeLimits(new UserLimits(MaxBots: 3, MaxTradesPerDay: null));
        var raised = await AcquireAsync(userId, 2, 1);
        await user.ChangeLimits(new UserLimits(MaxBots: null, MaxTradesPerDay: null));
        await Capacity.Release($"{_run}-bot-2");
        var platformDefault = await AcquireAsync(userId, 2, 1);

        Assert.Equal([AdmissionOutcome.Granted, AdmissionOutcome.Granted, AdmissionOutcome.UserLimitReached], created.Select(a => a.Outcome));
        Assert.Equal((2, 2), (created[2].UserBots, created[2].UserLimit));
        Assert.Equal(AdmissionOutcome.Granted, raised[0].Outcome);
        Assert.Equal((AdmissionOutcome.UserLimitReached, PlatformLimits.Defaults.MaxBotsPerUser), (platformDefault[0].Outcome, platformDefault[0].UserLimit));
    }

    [Fact]
    public async Task AUserStoredBeforeCapacityHeldTheirLimitSendsItOnceWhenActivated()
    {
        var userId = $"{_run}-lee";
        var user = fixture.Grains.GetGrain<IUserGrain>(userId);
        var storage = Silo.GetRequiredKeyedService<IGrainStorage>(StateNames.Store);
        var stored = new GrainState<UserState>(new UserState { Exists = true, ApiKeyHash = [7], MaxBots = 2 });
        await storage.WriteStateAsync(StateNames.User, user.GetGrainId(), stored);

        Assert.Equal(KeyCheck.Valid, await user.CheckKey([7]));
        var admissions = await AcquireAsync(userId, 0, 3);
        var after = new GrainState<UserState>();
        await storage.ReadStateAsync(StateNames.User, user.GetGrainId(), after);

        Assert.Equal([AdmissionOutcome.Granted, AdmissionOutcome.Granted, AdmissionOutcome.UserLimitReached], admissions.Select(a => a.Outcome));
        Assert.True(after.State!.MaxBotsSentToCapacity);
    }

    private async Task<List<Admission>> AcquireAsync(string userId, int from, int count)
    {
        var admissions = new List<Admission>();
        for (var i = from; i < from + count; i++)
        {
            admissions.Add(await Capacity.TryAcquire($"{_run}-bot-{i}", userId));
        }

        return admissions;
    }
}
