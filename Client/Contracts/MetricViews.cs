namespace OrleansBots.Contracts;

/// <summary>One step of a series (see docs/MONITORING-PIPELINE.md for what value means per kind); non-finite numbers are null.</summary>
public sealed record MetricPointView(DateTimeOffset Ts, double? Value, long Count, double? Min, double? Max, double? P50, double? P95, double? P99);

/// <summary>One series: a silo (null when silos were added up) and a label set.</summary>
public sealed record MetricSeriesView(string Name, string? Silo, IReadOnlyDictionary<string, string> Labels, string Kind, IReadOnlyList<MetricPointView> Points);

/// <summary>GET /api/admin/metrics.</summary>
public sealed record MetricSeriesResponse(bool Success, string Name, DateTimeOffset From, DateTimeOffset To, double StepSeconds, IReadOnlyList<MetricSeriesView> Series);

/// <summary>Durations of one operation over the report's window (from <c>operation_execution_time</c>), in seconds.</summary>
public sealed record OperationTimingView(string Operation, long Count, double? MeanSeconds, double? P50Seconds, double? P95Seconds, double? P99Seconds, double? MaxSeconds);

/// <summary>The latest stored value of one gauge series in the report's window.</summary>
public sealed record CurrentValueView(string Name, string? Silo, IReadOnlyDictionary<string, string> Labels, DateTimeOffset Ts, double? Value);

/// <summary>GET /api/admin/metrics/report: the latest value of each main gauge series, timings per operation, the slowest operations by p95.</summary>
public sealed record MetricsReportResponse(
    bool Success,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<CurrentValueView> Current,
    IReadOnlyList<OperationTimingView> Operations,
    IReadOnlyList<OperationTimingView> Slowest);

/// <summary>One row of GET /api/admin/metrics/export (JSON; the CSV has the same columns).</summary>
public sealed record MetricExportRow(DateTimeOffset Ts, string Name, string? Silo, string Labels, string Kind, double? Value, long Count, double? Min, double? Max, double? P50, double? P95, double? P99);
