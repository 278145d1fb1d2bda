namespace OrleansBots.Bottlenecks;

/// <summary>A resource (cpu, memory, disk) at or over its alert threshold in the last interval.</summary>
public sealed record ResourceBottleneck(string Resource, double Value, double Threshold, DateTimeOffset At);
