using Orleans.Dashboard;
using Orleans.Runtime;
using OrleansBots.Silo.Auth;

namespace OrleansBots.Silo.Api;

/// <summary>
/// The Orleans dashboard at /dashboard. It shows grain state and has no authentication of its own, so every path
/// under /dashboard (page, API calls, static files, and paths it does not know) first needs the admin token:
/// the bearer token or the operator page's sign-in cookie. Its per-silo paths are checked against the cluster's
/// silos first: the dashboard parses what follows them as a silo address and fails with a 500 on anything else.
/// </summary>
public static class DashboardEndpoints
{
    public const string RoutePrefix = "/dashboard";

    // The dashboard's routes whose rest is a silo address ("/SiloStats/{*address}"); HistoricalStats too.
    private static readonly string[] SiloPaths = ["/HistoricalStats", "/SiloProperties", "/SiloMetadata", "/SiloStats", "/SiloCounters"];

    public static void MapDashboard(this WebApplication app)
    {
        app.UseWhen(
            http => http.Request.Path.StartsWithSegments(RoutePrefix, StringComparison.OrdinalIgnoreCase),
            branch => branch.Use(async (http, next) =>
            {
                if (AdminAuthFilter.Refusal(http) is { } refusal)
                {
                    await refusal.ExecuteAsync(http);
                    return;
                }

                if (UnknownSilo(http) is { } unknown)
                {
                    await ApiResults.NotFound($"No silo '{unknown}' in this cluster (the dashboard's silo paths take a silo address, as listed by /dashboard/ClusterStats)").ExecuteAsync(http);
                    return;
                }

                await next(http);
            }));
        app.MapOrleansDashboard(routePrefix: RoutePrefix);
    }

    /// <summary>The silo address of a per-silo dashboard path when it is not a silo of the cluster; null otherwise.</summary>
    private static string? UnknownSilo(HttpContext http)
    {
        var rest = http.Request.Path.Value![RoutePrefix.Length..];
        var prefix = SiloPaths.FirstOrDefault(p => rest.StartsWith(p + "/", StringComparison.OrdinalIgnoreCase) || rest.Equals(p, StringComparison.OrdinalIgnoreCase));
        if (prefix is null)
        {
            return null;
        }

        var address = rest.Length > prefix.Length ? rest[(prefix.Length + 1)..] : string.Empty;
        var members = http.RequestServices.GetRequiredService<IClusterMembershipService>().CurrentSnapshot.Members.Keys;
        return members.Any(silo => silo.ToParsableString() == address) ? null : address;
    }
}
