using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansBots.Cache;
using OrleansBots.Storage;
using OrleansBots.Tests.Cache;

namespace OrleansBots.Tests;

/// <summary>
/// In-process silos (one unless told) with the platform on memory storage, for a test class whose settings differ from
/// the shared cluster's. With several, it returns once every silo sees every other as active (TestingHost's own wait
/// can return earlier, and grains placed before that all land on the first silo).
/// </summary>
public static class PlatformTestSilo
{
    public static async Task<InProcessTestCluster> StartAsync(Action<ISiloBuilder> configure, Action<IClientBuilder>? client = null, short silos = 1)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StateNames.Store);
            silo.Services.AddSingleton<IMemoryPressure>(FakeMemoryPressure.Instance);
            silo.Services.AddPlatform();
            configure(silo);
        });
        if (client is not null)
        {
            builder.ConfigureClient(client);
        }

        var cluster = builder.Build();
        await cluster.DeployAsync();
        await EverySiloSeesTheOthersAsync(cluster, silos);
        return cluster;
    }

    private static Task EverySiloSeesTheOthersAsync(InProcessTestCluster cluster, int silos) => Eventually.Get(
        async () =>
        {
            var fewest = int.MaxValue;
            foreach (var silo in cluster.Silos)
            {
                var management = silo.SiloHost.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
                fewest = Math.Min(fewest, (await management.GetHosts(onlyActive: true)).Count);
            }

            return fewest;
        },
        fewest => fewest >= silos,
        TimeSpan.FromSeconds(60),
        $"every one of the {silos} silos sees the others as active (the fewest any sees)");
}
