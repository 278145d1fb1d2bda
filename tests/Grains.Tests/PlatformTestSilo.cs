using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OrleansBots.Cache;
using OrleansBots.Storage;
using OrleansBots.Tests.Cache;

namespace OrleansBots.Tests;

/// <summary>One in-process silo with the platform on memory storage, for a test class whose settings differ from the shared cluster's.</summary>
public static class PlatformTestSilo
{
    public static async Task<InProcessTestCluster> StartAsync(Action<ISiloBuilder> configure, Action<IClientBuilder>? client = null)
    {
        var builder = new InProcessTestClusterBuilder(1);
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
