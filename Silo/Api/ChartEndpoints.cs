using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansBots.Capacity;
using OrleansBots.Contracts;
using OrleansBots.Silo.Auth;
using OrleansBots.Silo.Charts;

namespace OrleansBots.Silo.Api;

/// <summary>
/// GET /api/admin/charts/{chart}.png|svg?minutes=60: the admin page's charts as files, drawn from the metric
/// history (admin token, or the /admin page's cookie). GET /api/admin/charts lists them.
/// </summary>
public static class ChartEndpoints
{
    public const int DefaultMinutes = 60;
    public const int MaxMinutes = 24 * 60;

    // About this many steps across any window: enough detail for a 720 px chart, few enough to read quickly.
    private const int Steps = 120;
    private static readonly TimeSpan MinStep = TimeSpan.FromSeconds(10);

    public static void MapChartEndpoints(this IEndpointRouteBuilder routes)
    {
        var charts = routes.MapGroup("/api/admin/charts").AddEndpointFilter<AdminAuthFilter>().WithTags("Admin");
        charts.MapGet("/", () => TypedResults.Ok(
            new ChartListResponse(true, ChartCatalog.All.Select(c => new ChartView(c.Name, c.Title, Path(c.Name, "png"), Path(c.Name, "svg"))).ToList())));

        // The file's result type does not say it is an image: the metadata does.
        charts.MapGet("/{file}", ChartAsync).Produces(StatusCodes.Status200OK, contentType: "image/png", additionalContentTypes: ["image/svg+xml"]);
    }

    public static string Path(string chart, string extension, int minutes = DefaultMinutes) =>
        $"/api/admin/charts/{chart}.{extension}?minutes={minutes.ToString(CultureInfo.InvariantCulture)}";

    private static async Task<Results<FileContentHttpResult, NotFound<ErrorResponse>, BadRequest<ErrorResponse>>> ChartAsync(
        string file, HttpContext http, ChartSource source, RenderedCharts rendered, TimeProvider time, AlertList alerts, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var dot = file.LastIndexOf('.');
        var (name, extension) = dot < 0 ? (file, string.Empty) : (file[..dot], file[(dot + 1)..].ToLowerInvariant());
        var chart = ChartCatalog.Find(name);
        if (chart is null)
        {
            return ApiResults.NotFound($"Unknown chart '{name}': the charts are {ChartCatalog.Names} (as .png or .svg)");
        }

        ChartFormat? format = extension switch { "png" => ChartFormat.Png, "svg" => ChartFormat.Svg, _ => null };
        if (format is null)
        {
            return ApiResults.NotFound($"Unknown chart format '{extension}': ask for {name}.png or {name}.svg");
        }

        var minutes = DefaultMinutes;
        if (http.Request.Query.TryGetValue("minutes", out var raw)
            && (!int.TryParse(raw.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out minutes) || minutes is < 1 or > MaxMinutes))
        {
            return ApiResults.BadRequest($"minutes must be a whole number between 1 and {MaxMinutes} (got '{raw}')");
        }

        var bytes = await rendered.GetOrRenderAsync(chart.Name, format.Value, minutes, () => RenderAsync(chart, format.Value, minutes, source, time, alerts, grains, cancellationToken));
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(bytes, format == ChartFormat.Png ? "image/png" : "image/svg+xml", $"{chart.Name}.{extension}");
    }

    private static async Task<byte[]> RenderAsync(
        ChartDefinition chart, ChartFormat format, int minutes, ChartSource source, TimeProvider time, AlertList alerts, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var to = time.GetUtcNow();
        var from = to - TimeSpan.FromMinutes(minutes);
        var step = TimeSpan.FromSeconds(Math.Ceiling(Math.Max(MinStep.TotalSeconds, (to - from).TotalSeconds / Steps)));
        IReadOnlyList<ChartLine> lines;
        string? note = null;
        if (chart.Metric is null)
        {
            var report = await grains.GetGrain<ICapacityGrain>(ICapacityGrain.GlobalKey).GetReport();
            var recent = await alerts.ListAsync(report, int.MaxValue, cancellationToken);
            lines = [ChartCatalog.AlertCounts(recent.Select(a => a.At), from, to, step)];
        }
        else
        {
            (lines, note) = await source.LinesAsync(chart, from, to, step, cancellationToken);
        }

        return ChartRenderer.Render(chart, lines, from, to, format, note);
    }
}
