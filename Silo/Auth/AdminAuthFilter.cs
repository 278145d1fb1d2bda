using OrleansBots.Silo.Api;
using OrleansBots.Silo.RateLimiting;

namespace OrleansBots.Silo.Auth;

/// <summary>
/// Admin endpoints: the admin token as a bearer token, or the operator page's signed session cookie. A change
/// (any method but GET, HEAD, OPTIONS) made with the cookie also needs the session's CSRF token in
/// <see cref="AdminSessions.CsrfHeader"/>. Refused tokens count against the caller's address.
/// </summary>
public sealed class AdminAuthFilter : IEndpointFilter
{
    private const string ActorItem = "orleansbots.admin_actor";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        Refusal(context.HttpContext) ?? await next(context);

    /// <summary>Who made an admin request, for the audit trail: the credential and the client address, never the token.</summary>
    public static string ActorOf(HttpContext http) => http.Items[ActorItem] as string ?? "admin";

    /// <summary>The refusal of a request without the admin token or a valid session (401, 403 or 429); null when it may go on.</summary>
    public static IResult? Refusal(HttpContext http)
    {
        var services = http.RequestServices;
        var throttle = services.GetRequiredService<FailedAuthThrottle>();
        var bearer = BearerToken.From(http.Request);
        var cookie = http.Request.Cookies[AdminSessions.CookieName];
        if (bearer is null && string.IsNullOrEmpty(cookie))
        {
            return ApiResults.Unauthorized("Missing admin token: send 'Authorization: Bearer <ADMIN_TOKEN>'");
        }

        if (throttle.Refusal(http) is { } throttled)
        {
            return throttled;
        }

        var address = ClientAddress.Of(http);
        if (bearer is not null)
        {
            if (!services.GetRequiredService<AdminToken>().Matches(bearer))
            {
                return throttle.Failed(http) ?? ApiResults.Unauthorized("Invalid admin token");
            }

            http.Items[ActorItem] = $"admin token from {address}";
            return null;
        }

        var sessions = services.GetRequiredService<AdminSessions>();
        if (!sessions.IsValid(cookie))
        {
            return throttle.Failed(http) ?? ApiResults.Unauthorized("The operator page's session is invalid or expired: sign in again at /admin");
        }

        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method)
            && !sessions.CsrfMatches(cookie, http.Request.Headers[AdminSessions.CsrfHeader].ToString()))
        {
            return ApiResults.Forbidden($"A change made with the operator page's session needs its CSRF token in the {AdminSessions.CsrfHeader} header (or use the bearer token)");
        }

        http.Items[ActorItem] = $"operator page session from {address}";
        return null;
    }
}
