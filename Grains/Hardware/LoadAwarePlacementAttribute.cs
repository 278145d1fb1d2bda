using Orleans.Placement;

namespace OrleansBots.Hardware;

/// <summary>New activations of this grain go to a silo under the CPU and memory placement limits (<see cref="HardwareOptions"/>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class LoadAwarePlacementAttribute() : PlacementAttribute(LoadAwarePlacement.Instance);
