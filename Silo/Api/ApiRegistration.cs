using OrleansBots.Silo.Audit;

namespace OrleansBots.Silo.Api;

public static class ApiRegistration
{
    /// <summary>What the HTTP API needs: its helpers, error handling, snake_case JSON, OpenAPI and the Prometheus exporter.</summary>
    public static IServiceCollection AddPlatformApi(this IServiceCollection services)
    {
        services.AddSingleton<AlertList>();
        services.AddSingleton<SiloDirectory>();
        services.AddSingleton<DependencyProbe>();
        services.AddSingleton<UserAccounts>();
        services.AddAuditTrail();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        services.AddOpenApi(OpenApiSetup.Configure);
        services.AddPrometheusMetrics();
        return services;
    }

    /// <summary>Every endpoint: health, /metrics, admin, bots, cache, metrics, the operator's page, charts and the dashboard.</summary>
    public static WebApplication MapPlatformApi(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { SuppressDiagnosticsCallback = ApiExceptionHandler.IsHandledQuietly });
        app.UseStatusCodePages(ApiResults.WriteBareStatusAsync);
        app.UseRateLimiter();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthEndpoints();
        app.MapPrometheusMetrics();
        app.MapAdminEndpoints();
        app.MapUserLifecycleEndpoints();
        app.MapAuditEndpoints();
        app.MapBotEndpoints();
        app.MapEventEndpoints();
        app.MapChatEndpoints();
        app.MapCacheEndpoints();
        app.MapMetricsEndpoints();
        app.MapAdminPage();
        app.MapChartEndpoints();
        app.MapDashboard();
        app.MapGet("/", () => Results.Redirect("/admin")).ExcludeFromDescription();
        return app;
    }
}
