using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansBots.Cache;
using OrleansBots.Storage;
using OrleansBots.Tests.Cache;

namespace OrleansBots.Tests;

/// <summary>In-process silos (one unless told) with the platform on memory storage, for a test class whose settings differ from the shared cluster's.</summary>
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
        return cluster;
    }
}
