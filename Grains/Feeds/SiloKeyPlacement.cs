namespace OrleansBots.Feeds;

/// <summary>Placement of a grain keyed by a silo's address on that silo (<see cref="SiloKeyPlacementDirector"/>).</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("OrleansBots.SiloKeyPlacement")]
public sealed class SiloKeyPlacement : Orleans.Runtime.PlacementStrategy
{
    public static SiloKeyPlacement Instance { get; } = new();
}
