using Orleans.Runtime.Services;

namespace OrleansBots.Cache;

/// <summary>Addresses the <see cref="ICacheRelayService"/> of a given silo.</summary>
public sealed class CacheRelayClient(IServiceProvider services) : GrainServiceClient<ICacheRelayService>(services)
{
    public ICacheRelayService On(SiloAddress silo) => GetGrainService(silo);
}
