using OrleansBots.Http;

namespace OrleansBots.Silo.Api;

/// <summary>The cluster's silos as the membership table sees them.</summary>
public sealed class SiloDirectory(IGrainFactory grains)
{
    public async Task<IReadOnlyList<SiloView>> ListAsync()
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);
        return hosts
            .Select(h => new SiloView(h.SiloAddress.ToString(), h.SiloName, h.Status.ToString().ToLowerInvariant()))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
    }
}
