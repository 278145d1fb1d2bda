namespace OrleansBots.Silo.Charts;

/// <summary>One line of a chart: a legend label and its points in time order.</summary>
public sealed record ChartLine(string Label, IReadOnlyList<DateTimeOffset> Times, IReadOnlyList<double> Values);
