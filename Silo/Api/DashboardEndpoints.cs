using Orleans.Dashboard;
using OrleansBots.Silo.Auth;

namespace OrleansBots.Silo.Api;

/// <summary>
/// The Orleans dashboard at /dashboard. It shows grain state and has no authentication of its own, so every path
/// under /dashboard (page, API calls, static files, and paths it does not know) first needs the admin token:
/// the bearer token or the operator page's sign-in cookie.
/// </summary>
public static class DashboardEndpoints
{
    public const string RoutePrefix = "/dashboard";

    public static void MapDashboard(this WebApplication app)
    {
        app.UseWhen(
            http => http.Request.Path.StartsWithSegments(RoutePrefix, StringComparison.OrdinalIgnoreCase),
            branch => branch.Use(async (http, next) =>
            {
                if (AdminAuthFilter.Refusal(http.Request, http.RequestServices.GetRequiredService<AdminToken>()) is { } refusal)
                {
                    await refusal.ExecuteAsync(http);
                    return;
                }

                await next(http);
            }));
        app.MapOrleansDashboard(routePrefix: RoutePrefix);
    }
}
