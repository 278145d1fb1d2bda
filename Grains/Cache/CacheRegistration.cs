using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OrleansBots.Cache;

public static class CacheRegistration
{
    /// <summary>The distributed cache: its options (<c>Cache</c> section), the client over the shards, the relay of sets between silos, memory pressure and its instruments.</summary>
    public static IServiceCollection AddCache(this IServiceCollection services)
    {
        services.AddCheckedOptions<CacheOptions, CacheOptionsValidator>(CacheOptions.Section);
        services.TryAddSingleton<ShardedCache>();
        services.AddGrainService<CacheRelayService>();
        services.TryAddSingleton<CacheRelayClient>();
        services.TryAddSingleton<CacheRelay>();
        services.TryAddSingleton<IMemoryPressure, GcMemoryPressure>();
        services.TryAddSingleton<CacheInstruments>();
        return services;
    }
}
