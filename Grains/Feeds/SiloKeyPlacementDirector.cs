using Orleans.Runtime.Placement;

namespace OrleansBots.Feeds;

/// <summary>
/// Places a grain keyed by a silo's address on that silo while it is an active member. A silo's per-silo consumer of a
/// stream is woken by whichever silo's pulling agent delivers to it, so preferring the caller's silo would place it
/// away from the bots it serves. A silo that is not active (declared dead, or not yet seen as active here) gets its
/// grain on the caller's silo, where the grain only cleans up after it.
/// </summary>
public sealed class SiloKeyPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var home = SiloAddress.FromParsableString(target.GrainIdentity.Key.ToString()!);
        return Task.FromResult(context.GetCompatibleSilos(target).Contains(home) ? home : context.LocalSilo);
    }
}
