namespace OrleansBots.Silo.RateLimiting;

/// <summary>
/// The address a request came from, as the rate limits see it: the TCP peer. Behind a reverse proxy every request
/// has the proxy's address (the silo does not trust X-Forwarded-For; docs/SECURITY.md).
/// </summary>
public static class ClientAddress
{
    public static string Of(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
