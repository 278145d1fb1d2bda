using System.Globalization;
using System.Net;
using System.Text;
using OrleansBots.Capacity;
using OrleansBots.Contracts;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Query;
using OrleansBots.Monitoring.Store;
using OrleansBots.Silo.Auth;
using OrleansBots.Silo.Charts;
using OrleansBots.Silo.RateLimiting;

namespace OrleansBots.Silo.Api;

/// <summary>
/// GET /admin: the operator's page, rendered on the server and refreshed every 5 s. Browsers sign in once
/// with the admin token and get a signed session that expires (<see cref="AdminSessions"/>) in an HttpOnly,
/// SameSite=Strict cookie; scripts may send the bearer token instead.
/// </summary>
public static class AdminPage
{
    public static void MapAdminPage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/admin", PageAsync).ExcludeFromDescription();
        routes.MapPost("/admin/login", LoginAsync).ExcludeFromDescription().DisableAntiforgery();
    }

    private static async Task<IResult> PageAsync(HttpContext http, AdminToken token, AdminSessions sessions, IGrainFactory grains, SiloDirectory silos, AlertList alerts, CancellationToken cancellationToken)
    {
        var session = http.Request.Cookies[AdminSessions.CookieName];
        if (!token.Matches(BearerToken.From(http.Request)) && !sessions.IsValid(session))
        {
            return Html(LoginForm(null), StatusCodes.Status401Unauthorized);
        }

        var report = await grains.GetGrain<ICapacityGrain>(ICapacityGrain.GlobalKey).GetReport();
        var recent = await alerts.ListAsync(report, 20, cancellationToken);
        return Html(Dashboard(report, await silos.ListAsync(), recent, sessions.CsrfTokenOf(session)), StatusCodes.Status200OK);
    }

    /// <summary>Signs in with the admin token: the cookie then holds a signed session that expires, never the token.</summary>
    private static async Task<IResult> LoginAsync(HttpContext http, AdminToken token, AdminSessions sessions, FailedAuthThrottle throttle, ILogger<AdminSessions> logger)
    {
        if (!http.Request.HasFormContentType)
        {
            return Html(LoginForm("Sign in with the form (application/x-www-form-urlencoded)."), StatusCodes.Status400BadRequest);
        }

        if (throttle.Refusal(http) is { } throttled)
        {
            return throttled;
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (Exception error) when (error is InvalidDataException or BadHttpRequestException or IOException or FormatException)
        {
            // Too many fields, a truncated multipart body, a bad boundary: the client's form, not the silo, is broken.
            return Html(LoginForm("The sign-in form could not be read; send one field 'token'."), StatusCodes.Status400BadRequest);
        }

        if (!token.Matches(form["token"].ToString().Trim()))
        {
            logger.LogWarning("Failed sign-in to the operator page from {Address}", ClientAddress.Of(http));
            return (IResult?)throttle.Failed(http) ?? Html(LoginForm("That is not the admin token."), StatusCodes.Status401Unauthorized);
        }

        http.Response.Cookies.Append(AdminSessions.CookieName, sessions.Issue(), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            Path = "/",
            MaxAge = AdminSessions.Lifetime,
        });
        logger.LogInformation("Operator page sign-in from {Address}", ClientAddress.Of(http));
        return Results.Redirect("/admin");
    }

    private static IResult Html(string body, int status) => Results.Content(body, "text/html; charset=utf-8", Encoding.UTF8, status);

    private static string Dashboard(CapacityReport report, IReadOnlyList<SiloView> silos, IReadOnlyList<AlertView> alerts, string? csrfToken)
    {
        var c = report.Capacity;
        var status = c.Status.ToString().ToUpperInvariant();
        var percent = c.PercentUsed.ToString("0.0", CultureInfo.InvariantCulture);
        var page = new StringBuilder();
        page.Append(Head("OrleansBots — operator", refresh: true));
        if (csrfToken is not null)
        {
            // Scripts that change settings with this page's session send it as X-CSRF-Token.
            page.Append(CultureInfo.InvariantCulture, $"<meta name=\"csrf-token\" content=\"{Encode(csrfToken)}\">");
        }

        page.Append("<h1>OrleansBots</h1>");
        page.Append(CultureInfo.InvariantCulture, $"<p class=\"big\">Active Bots: {c.CurrentBots} / {c.MaxBots} slots ({percent}%)</p>");
        page.Append(CultureInfo.InvariantCulture, $"<p>Status: <b class=\"{status.ToLowerInvariant()}\">{status}</b> · Free slots: {c.AvailableSlots} · Accepting new bots: {(c.CanAcceptNew ? "yes" : "no")}</p>");
        page.Append(CultureInfo.InvariantCulture, $"<div class=\"bar\"><div style=\"width:{Math.Min(100, c.PercentUsed).ToString("0.0", CultureInfo.InvariantCulture)}%\" class=\"{status.ToLowerInvariant()}\"></div></div>");
        var l = report.Limits;
        page.Append(CultureInfo.InvariantCulture, $"<h2>Limits</h2><p>MAX_CONCURRENT_BOTS {l.MaxConcurrentBots} · MAX_BOTS_PER_USER {l.MaxBotsPerUser} · MAX_TRADES_PER_DAY {l.MaxTradesPerDay} · ALERT_THRESHOLD {l.AlertThreshold}% · users with running bots {report.UsersWithRunningBots} · zombie leases freed {report.ZombieLeasesFreed}</p>");
        page.Append("<h2>Silos</h2><table><tr><th>name</th><th>address</th><th>status</th></tr>");
        foreach (var silo in silos)
        {
            page.Append(CultureInfo.InvariantCulture, $"<tr><td>{Encode(silo.Name)}</td><td>{Encode(silo.Address)}</td><td>{Encode(silo.Status)}</td></tr>");
        }

        page.Append("</table><h2>Recent alerts</h2>");
        if (alerts.Count == 0)
        {
            page.Append("<p>None.</p>");
        }
        else
        {
            page.Append("<table><tr><th>time (UTC)</th><th>severity</th><th>rule</th><th>scope</th><th>message</th></tr>");
            foreach (var alert in alerts)
            {
                page.Append(CultureInfo.InvariantCulture, $"<tr><td>{alert.At:yyyy-MM-dd HH:mm:ss}</td><td class=\"{(alert.Severity == AlertSeverityNames.Critical ? "full" : "warning")}-text\">{Encode(alert.Severity)}</td><td>{Encode(alert.Rule)}</td><td>{Encode(alert.Scope)}</td><td>{Encode(alert.Message)}</td></tr>");
            }

            page.Append("</table>");
        }

        page.Append("<h2>Charts</h2><p class=\"small\">Last hour, UTC. Each chart downloads as PNG or SVG.</p><div class=\"charts\">");
        foreach (var chart in ChartCatalog.All)
        {
            page.Append(CultureInfo.InvariantCulture, $"<figure><img src=\"{ChartEndpoints.Path(chart.Name, "svg")}\" alt=\"{Encode(chart.Title)}\" width=\"{ChartRenderer.Width}\" height=\"{ChartRenderer.Height}\">");
            page.Append(CultureInfo.InvariantCulture, $"<figcaption>{Encode(chart.Title)}: <a href=\"{ChartEndpoints.Path(chart.Name, "png")}\" download>PNG</a> · <a href=\"{ChartEndpoints.Path(chart.Name, "svg")}\" download>SVG</a></figcaption></figure>");
        }

        page.Append("</div><p class=\"small\">Refreshes every 5 s. API: <a href=\"/openapi/v1.json\">OpenAPI</a>. Orleans: <a href=\"/dashboard\">dashboard</a>.</p></body></html>");
        return page.ToString();
    }

    private static string LoginForm(string? problem) =>
        Head("OrleansBots — sign in", refresh: false)
        + "<h1>OrleansBots operator page</h1>"
        + (problem is null ? string.Empty : $"<p class=\"full\">{Encode(problem)}</p>")
        + "<form method=\"post\" action=\"/admin/login\"><label>Admin token <input type=\"password\" name=\"token\" autofocus></label> <button>Sign in</button></form>"
        + "<p class=\"small\">The token is ADMIN_TOKEN, or the file <code>admin-token</code> in the silo's data folder.</p></body></html>";

    private static string Head(string title, bool refresh) =>
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + (refresh ? "<meta http-equiv=\"refresh\" content=\"5\">" : string.Empty)
        + $"<title>{Encode(title)}</title><style>"
        + "body{font-family:system-ui,sans-serif;margin:2rem;max-width:66rem;color:#222}"
        + ".big{font-size:1.6rem;font-weight:600}.small{color:#666;font-size:.85rem}"
        + ".bar{background:#eee;height:1.2rem;border-radius:.3rem;overflow:hidden}.bar div{height:100%}"
        + ".low{background:#4a9;color:#264}.healthy{background:#4a9;color:#264}.warning{background:#e90;color:#a50}.full{background:#d33;color:#a11}"
        + "b.low,b.healthy,b.warning,b.full{background:none}"
        + ".warning-text{color:#a50}.full-text{color:#a11;font-weight:600}.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(28rem,1fr));gap:1rem}figure{margin:0}figcaption{font-size:.85rem;color:#444}img{max-width:100%;height:auto;border:1px solid #eee}"
        + "table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.3rem .8rem;text-align:left}"
        + "</style></head><body>";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
