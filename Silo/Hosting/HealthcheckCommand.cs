namespace OrleansBots.Silo.Hosting;

/// <summary>
/// <c>OrleansBots.Silo healthcheck</c>: asks the silo running beside it for <c>/healthz</c> and exits 0 when it answers
/// 200, else 1. The container image's HEALTHCHECK runs it, since the runtime image has no shell, curl or wget.
/// </summary>
public static class HealthcheckCommand
{
    public const string Path = "/healthz";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(IConfiguration configuration)
    {
        var target = new Uri(LocalAddress(configuration), Path);
        using var http = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await http.GetAsync(target);
            Console.WriteLine($"{target}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            Console.WriteLine($"{target}: {error.Message}");
            return 1;
        }
    }

    /// <summary>The first HTTP address the silo listens on (ASPNETCORE_URLS / Urls), with a wildcard host read as loopback.</summary>
    public static Uri LocalAddress(IConfiguration configuration)
    {
        var urls = configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } configured ? configured : HostingRegistration.DefaultUrl;
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(url => url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? HostingRegistration.DefaultUrl;
        var wildcard = first.Replace("://+", "://127.0.0.1").Replace("://*", "://127.0.0.1")
            .Replace("://0.0.0.0", "://127.0.0.1").Replace("://[::]", "://[::1]");
        return new Uri(wildcard);
    }
}
