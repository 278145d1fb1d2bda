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

    private static async Task EverySiloSeesTheOthersAsync(InProcessTestCluster cluster, int silos)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        foreach (var silo in cluster.Silos)
        {
            var management = silo.SiloHost.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
            while ((await management.GetHosts(onlyActive: true)).Count < silos)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"the {silos} silos did not all see each other within 60 s");
                }

                await Task.Delay(100);
            }
        }
    }
}
