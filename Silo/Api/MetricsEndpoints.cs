using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansBots.Contracts;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Query;
using OrleansBots.Monitoring.Store;
using OrleansBots.Silo.Auth;

namespace OrleansBots.Silo.Api;

/// <summary>Stored metrics over HTTP (admin token): series, a report, CSV/JSON export. Reads <see cref="IMetricHistory"/>.</summary>
public static class MetricsEndpoints
{
    /// <summary>The gauges the report shows.</summary>
    public static readonly string[] MainGauges =
    [
        MetricNames.CpuUsagePercent, MetricNames.MemoryUsageBytes, MetricNames.MemoryAvailableBytes, MetricNames.MemoryUsagePercent, MetricNames.DiskUsagePercent,
        MetricNames.DiskFreeBytes, MetricNames.GcHeapBytes, MetricNames.BotsRunning, MetricNames.CapacityPercent, MetricNames.CacheHitRate,
    ];

    public const int SlowestShown = 5;

    private static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxWindow = TimeSpan.FromDays(7);

    public static void MapMetricsEndpoints(this IEndpointRouteBuilder routes)
    {
        var metrics = routes.MapGroup("/api/admin/metrics").AddEndpointFilter<AdminAuthFilter>().AddEndpointFilter(UnavailableStoreAsync).WithTags("Metrics")
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ErrorResponse), ["application/json"]))
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status503ServiceUnavailable, typeof(ErrorResponse), ["application/json"]));

        metrics.MapGet("/", SeriesAsync);
        metrics.MapGet("/report", ReportAsync);

        // A file, CSV or JSON: the result types do not say so, the metadata does.
        metrics.MapGet("/export", ExportAsync).Produces<MetricExportRow[]>().Produces(200, contentType: "text/csv");
    }

    /// <summary>PostgreSQL down is the platform's state, not a bug: 503 with Retry-After, as for an unreachable grain.</summary>
    private static async ValueTask<object?> UnavailableStoreAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception error) when (error is Npgsql.NpgsqlException or System.Net.Sockets.SocketException)
        {
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MetricsEndpoints))
                .LogWarning("Metric history unavailable: {Error}", error.Message);
            return ApiResults.Unavailable("Metric history is unavailable (PostgreSQL does not answer). Try again in a few seconds.", 5);
        }
    }

    private static async Task<Results<Ok<MetricSeriesResponse>, BadRequest<ErrorResponse>>> SeriesAsync(HttpContext http, IMetricHistory history, TimeProvider time, CancellationToken cancellationToken)
    {
        var (query, error) = MetricRequest.ReadQuery(http.Request.Query, time.GetUtcNow(), MetricRequest.DefaultStep, allNames: false);
        if (query is null)
        {
            return ApiResults.BadRequest(error!);
        }

        var series = await history.SeriesAsync(query, cancellationToken);
        return TypedResults.Ok(new MetricSeriesResponse(true, query.Name, query.From, query.To, query.Step.TotalSeconds, series.Select(View).ToList()));
    }

    private static async Task<Results<Ok<MetricsReportResponse>, BadRequest<ErrorResponse>>> ReportAsync(HttpContext http, IMetricHistory history, IOptions<MetricsOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var parameters = http.Request.Query;
        if (MetricRequest.Unknown(parameters, ["window", "silo"]) is { } unknown)
        {
            return ApiResults.BadRequest(unknown);
        }

        var silo = parameters["silo"].ToString() is { Length: > 0 } named ? named : null;

        var window = DefaultWindow;
        if (parameters.ContainsKey("window") && (!MetricRequest.TryParseDuration(parameters["window"].ToString(), out window) || window > MaxWindow))
        {
            return ApiResults.BadRequest($"window must be a duration like 5m or 1h, from 1s to {MaxWindow.TotalDays} days");
        }

        // Aggregates are stamped with the end of their interval: the window reaches a moment past now.
        var to = time.GetUtcNow().AddSeconds(1);
        var from = to - window;
        var step = options.Value.Interval < window ? options.Value.Interval : window;
        var current = new List<CurrentValueView>();
        foreach (var name in MainGauges)
        {
            foreach (var series in await history.SeriesAsync(new MetricQuery(name, from, to, step, silo), cancellationToken))
            {
                if (series.Points.Count > 0)
                {
                    var last = series.Points[^1];
                    current.Add(new CurrentValueView(name, series.Silo, MetricLabels.Parse(series.Labels), last.Timestamp, Finite(last.Value)));
                }
            }
        }

        var timings = (await history.SeriesAsync(new MetricQuery(MetricNames.OperationExecutionTime, from, to, to - from, silo), cancellationToken))
            .Where(series => series.Points.Count > 0)
            .Select(series =>
            {
                var point = series.Points[0];
                var labels = MetricLabels.Parse(series.Labels);
                return new OperationTimingView(
                    labels.TryGetValue("operation", out var operation) ? operation : series.Labels,
                    point.Count,
                    point.Count > 0 ? Finite(point.Value / point.Count) : null,
                    Finite(point.P50),
                    Finite(point.P95),
                    Finite(point.P99),
                    Finite(point.Max));
            })
            .OrderBy(timing => timing.Operation, StringComparer.Ordinal)
            .ToList();
        var slowest = timings.OrderByDescending(t => t.P95Seconds ?? 0).ThenByDescending(t => t.MeanSeconds ?? 0).Take(SlowestShown).ToList();
        return TypedResults.Ok(new MetricsReportResponse(true, from, to, current, timings, slowest));
    }

    private static async Task<Results<JsonHttpResult<List<MetricExportRow>>, ContentHttpResult, BadRequest<ErrorResponse>>> ExportAsync(HttpContext http, IMetricHistory history, IOptions<MetricsOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var (query, error) = MetricRequest.ReadQuery(http.Request.Query, time.GetUtcNow(), options.Value.Interval, allNames: true, "format");
        if (query is null)
        {
            return ApiResults.BadRequest(error!);
        }

        var format = http.Request.Query.ContainsKey("format") ? http.Request.Query["format"].ToString() : "csv";
        if (format is not ("csv" or "json"))
        {
            return ApiResults.BadRequest($"format must be csv or json (got '{(format.Length > 20 ? format[..20] : format)}')");
        }

        // Without a name, every metric stored in the window.
        var names = query.Name.Length > 0 ? [query.Name] : await history.NamesAsync(query.From, query.To, query.Silo, cancellationToken);
        var series = new List<MetricSeries>();
        foreach (var name in names)
        {
            series.AddRange(await history.SeriesAsync(query with { Name = name }, cancellationToken));
        }

        var rows = series
            .SelectMany(series => series.Points.Select(point => new MetricExportRow(
                point.Timestamp,
                series.Name,
                series.Silo,
                series.Labels,
                MetricKindNames.Of(series.Kind),
                Finite(point.Value),
                point.Count,
                Finite(point.Min),
                Finite(point.Max),
                Finite(point.P50),
                Finite(point.P95),
                Finite(point.P99))))
            .OrderBy(row => row.Ts)
            .ThenBy(row => row.Name, StringComparer.Ordinal)
            .ToList();
        var file = $"metrics-{(query.Name.Length > 0 ? query.Name : "all")}-{query.From.UtcDateTime:yyyyMMddTHHmmssZ}.{format}";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{file}\"";
        return format == "json"
            ? TypedResults.Json(rows)
            : TypedResults.Text(Csv(rows), "text/csv; charset=utf-8");
    }

    private static string Csv(IReadOnlyList<MetricExportRow> rows)
    {
        var csv = new StringBuilder("ts,name,silo,labels,kind,value,count,min,max,p50,p95,p99\n");
        foreach (var row in rows)
        {
            csv.Append(row.Ts.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)).Append(',')
                .Append(Field(row.Name)).Append(',')
                .Append(Field(row.Silo ?? "")).Append(',')
                .Append(Field(row.Labels)).Append(',')
                .Append(row.Kind).Append(',')
                .Append(Number(row.Value)).Append(',')
                .Append(row.Count.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Number(row.Min)).Append(',')
                .Append(Number(row.Max)).Append(',')
                .Append(Number(row.P50)).Append(',')
                .Append(Number(row.P95)).Append(',')
                .Append(Number(row.P99)).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.</summary>
    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private static MetricSeriesView View(MetricSeries series) => new(
        series.Name,
        series.Silo,
        MetricLabels.Parse(series.Labels),
        MetricKindNames.Of(series.Kind),
        series.Points.Select(p => new MetricPointView(p.Timestamp, Finite(p.Value), p.Count, Finite(p.Min), Finite(p.Max), Finite(p.P50), Finite(p.P95), Finite(p.P99))).ToList());
}
