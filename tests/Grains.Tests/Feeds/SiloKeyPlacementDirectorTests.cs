using System.Net;
using Orleans.Runtime.Placement;
using OrleansBots.Feeds;

namespace OrleansBots.Tests.Feeds;

/// <summary>Where a silo's stream consumer is placed, whichever silo wakes it.</summary>
public sealed class SiloKeyPlacementDirectorTests
{
    private static readonly SiloAddress Home = SiloAddress.New(IPAddress.Loopback, 11111, 1);
    private static readonly SiloAddress Other = SiloAddress.New(IPAddress.Loopback, 11112, 2);

    [Fact]
    public async Task AConsumerWokenByAnotherSiloIsPlacedOnTheActiveSiloItsKeyNames()
    {
        var placed = await new SiloKeyPlacementDirector().OnAddActivation(SiloKeyPlacement.Instance, TargetFor(Home), new Context(Other, [Other, Home]));

        Assert.Equal(Home, placed);
    }

    [Fact]
    public async Task AConsumerOfASiloThatIsNotActiveIsPlacedOnTheSiloThatWokeIt()
    {
        var placed = await new SiloKeyPlacementDirector().OnAddActivation(SiloKeyPlacement.Instance, TargetFor(Home), new Context(Other, [Other]));

        Assert.Equal(Other, placed);
    }

    private static PlacementTarget TargetFor(SiloAddress silo) =>
        new(GrainId.Create("newtokenlistener", silo.ToParsableString()), [], default, 0);

    private sealed class Context(SiloAddress local, SiloAddress[] active) : IPlacementContext
    {
        public SiloAddress LocalSilo => local;

        public SiloStatus LocalSiloStatus => SiloStatus.Active;

        public SiloAddress[] GetCompatibleSilos(PlacementTarget target) => active;

        public IReadOnlyDictionary<ushort, SiloAddress[]> GetCompatibleSilosWithVersions(PlacementTarget target) => new Dictionary<ushort, SiloAddress[]> { [0] = active };
    }
}
