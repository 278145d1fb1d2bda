namespace OrleansBots.Monitoring.Bottlenecks;

/// <summary>
/// Every silo's latest bottleneck report (key <see cref="GlobalKey"/>), so that any silo can answer for the
/// whole cluster. Kept in memory: each silo posts again every metrics interval.
/// </summary>
[Alias("OrleansBots.IBottleneckBoardGrain")]
public interface IBottleneckBoardGrain : IGrainWithStringKey
{
    public const string GlobalKey = "global";

    [Alias("Post")]
    Task Post(BottleneckReport report);

    /// <summary>The latest report of every silo that posted within <paramref name="maxAge"/>.</summary>
    [Alias("GetReports"), ReadOnly]
    Task<IReadOnlyList<BottleneckReport>> GetReports(TimeSpan maxAge);
}
