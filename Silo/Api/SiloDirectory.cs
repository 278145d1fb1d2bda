using OrleansBots.Contracts;
using OrleansBots.Hardware;

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

    /// <summary>The active silos with the hardware and latest load each registered (null until it has).</summary>
    public async Task<IReadOnlyList<SiloStatsView>> ListWithHardwareAsync()
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true);
        var registered = await grains.GetGrain<IHardwareRegistryGrain>(IHardwareRegistryGrain.GlobalKey).GetSilos();
        return hosts
            .Select(h =>
            {
                var record = registered.GetValueOrDefault(h.SiloAddress.ToParsableString());
                return new SiloStatsView(h.SiloAddress.ToString(), h.SiloName, h.Status.ToString().ToLowerInvariant(), record?.Hardware?.ToContract(), record?.Load?.ToContract());
            })
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
    }
}
