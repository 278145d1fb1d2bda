namespace OrleansBots.Hardware;

/// <summary>Placement of grains away from overloaded silos (<see cref="LoadAwarePlacementDirector"/>).</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("OrleansBots.LoadAwarePlacement")]
public sealed class LoadAwarePlacement : Orleans.Runtime.PlacementStrategy
{
    public static LoadAwarePlacement Instance { get; } = new();
}
