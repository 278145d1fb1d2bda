namespace OrleansBots.Monitoring.Alerts;

/// <summary>One fired alert, as stored in the <c>alerts</c> table and sent to the sinks.</summary>
/// <param name="Rule">What was crossed, e.g. <c>cpu</c>, <c>memory</c>, <c>error_rate</c>, <c>capacity</c>.</param>
/// <param name="Scope">What it is about: a silo name, an operation, or <c>platform</c>.</param>
[GenerateSerializer, Immutable, Alias("OrleansBots.Alerts.AlertRecord")]
public sealed record AlertRecord(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Silo,
    [property: Id(2)] string Rule,
    [property: Id(3)] string Scope,
    [property: Id(4)] AlertSeverity Severity,
    [property: Id(5)] double Value,
    [property: Id(6)] double Threshold,
    [property: Id(7)] string Message);
