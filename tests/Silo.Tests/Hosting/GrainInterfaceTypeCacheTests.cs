using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Metadata;
using OrleansBots.Bots;
using OrleansBots.Silo.Hosting;

namespace OrleansBots.Silo.Tests.Hosting;

public sealed class GrainInterfaceTypeCacheTests
{
    [Fact]
    public void ThePlatformSiloAsksTheCacheBeforeOrleansOwnProviders()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo.AddPlatformSilo(new ConfigurationBuilder().Build()));
        using var host = builder.Build();

        var providers = host.Services.GetServices<IGrainInterfaceTypeProvider>().ToList();

        Assert.IsType<GrainInterfaceTypeCache>(providers[0]);
        Assert.Single(providers.OfType<GrainInterfaceTypeCache>());
    }

    [Fact]
    public void EveryGrainInterfaceResolvesAsOrleansResolvesItWithoutTheCache()
    {
        using var cached = Silo(silo => silo.CacheGrainInterfaceTypes());
        using var plain = Silo(_ => { });
        var interfaces = typeof(IBotGrain).Assembly.GetTypes()
            .Where(type => type.IsInterface && typeof(IAddressable).IsAssignableFrom(type) && !type.ContainsGenericParameters)
            .Append(typeof(INamedTestGrain))
            .ToList();

        Assert.True(interfaces.Count > 10, $"{interfaces.Count} grain interfaces found");
        foreach (var type in interfaces)
        {
            Assert.Equal(Resolve(plain, type), Resolve(cached, type));
        }

        // The attribute provider still names an interface that carries its own type name.
        Assert.Equal(GrainInterfaceType.Create(INamedTestGrain.Name), Resolve(cached, typeof(INamedTestGrain)));
    }

    [Fact]
    public void OrleansProvidersAreAskedOnceAboutAnInterfaceHoweverOftenItIsResolved()
    {
        var counting = new CountingProvider();
        using var host = Silo(silo =>
        {
            silo.Services.AddSingleton<IGrainInterfaceTypeProvider>(counting);
            silo.CacheGrainInterfaceTypes();
        });

        for (var i = 0; i < 5; i++)
        {
            Resolve(host, typeof(IBotGrain));
        }

        Assert.Equal(1, counting.Asked);
    }

    [Fact]
    public void CachingOutsideUseOrleansIsRefusedWithTheReason()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new BareSilo().CacheGrainInterfaceTypes());

        Assert.Contains("UseOrleans", error.Message);
    }

    private static IHost Silo(Action<ISiloBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(configure);
        return builder.Build();
    }

    private static GrainInterfaceType Resolve(IHost host, Type type) =>
        host.Services.GetRequiredService<GrainInterfaceTypeResolver>().GetGrainInterfaceType(type);

    [GrainInterfaceType(Name)]
    public interface INamedTestGrain : IGrainWithStringKey
    {
        const string Name = "orleansbots-test-named";
    }

    private sealed class CountingProvider : IGrainInterfaceTypeProvider
    {
        public int Asked;

        public bool TryGetGrainInterfaceType(Type type, [NotNullWhen(true)] out GrainInterfaceType grainInterfaceType)
        {
            Interlocked.Increment(ref Asked);
            grainInterfaceType = default;
            return false;
        }
    }

    private sealed class BareSilo : ISiloBuilder
    {
        public IServiceCollection Services { get; } = new ServiceCollection();

        public IConfiguration Configuration { get; } = new ConfigurationBuilder().Build();
    }
}
