using Orleans.Runtime.Placement;

namespace OrleansBots.Hardware;

/// <summary>
/// Places a new activation with <see cref="OverloadAvoidance"/>: this silo's load is read live, the others' from
/// <see cref="ClusterLoad"/>; a report older than <see cref="StaleAfter"/> counts as unknown.
/// </summary>
public sealed class LoadAwarePlacementDirector(
    ILocalSiloDetails local,
    ISiloLoad load,
    ClusterLoad cluster,
    IOptions<HardwareOptions> options,
    TimeProvider time) : IPlacementDirector
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(60);

    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var now = time.GetUtcNow();
        var loads = cluster.Loads;
        var chosen = OverloadAvoidance.Choose(
            context.GetCompatibleSilos(target),
            silo => silo.Equals(local.SiloAddress)
                ? new SiloLoadSample(load.CpuPercent, load.MemoryPercent, load.OverCpuTarget, now)
                : loads.TryGetValue(silo.ToParsableString(), out var sample) && now - sample.At < StaleAfter ? sample : null,
            options.Value.PlacementCpuLimit,
            options.Value.PlacementMemoryLimit,
            Random.Shared);
        return Task.FromResult(chosen);
    }
}
