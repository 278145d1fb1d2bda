using Orleans.Placement;

namespace OrleansBots.Feeds;

/// <summary>
/// This grain's key is a silo's address (<see cref="SiloAddress.ToParsableString"/>), and its activation lives on that
/// silo whoever calls it first (<see cref="SiloKeyPlacementDirector"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SiloKeyPlacementAttribute() : PlacementAttribute(SiloKeyPlacement.Instance);
