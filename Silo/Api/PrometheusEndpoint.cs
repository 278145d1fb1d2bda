using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Query;
using OrleansBots.Monitoring.Store;

namespace OrleansBots.Silo.Api;

/// <summary>
/// <c>GET /metrics</c>: every <c>OrleansBots*</c> meter of this silo in Prometheus text, through OpenTelemetry. Open
/// like /healthz (scrapers carry no token); it shows names, labels and numbers only, never settings or secrets.
/// </summary>
public static class PrometheusEndpoint
{
    public const string Path = "/metrics";

    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("orleansbots"))
            .WithMetrics(metrics => metrics
            .AddMeter(MetricNames.MeterPrefix + "*")
            .AddPrometheusExporter());
        return services;
    }

    public static IEndpointRouteBuilder MapPrometheusMetrics(this IEndpointRouteBuilder routes)
    {
        routes.MapPrometheusScrapingEndpoint(Path).ExcludeFromDescription();
        return routes;
    }
}
