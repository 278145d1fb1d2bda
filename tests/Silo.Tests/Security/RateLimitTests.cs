using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Security;

/// <summary>HTTP rate limits of a real silo with small <c>RateLimits__*</c>: per API key, per client address, refused credentials per address.</summary>
public sealed class RateLimitTests
{
    private const string AdminToken = "rate-limit-test-admin-token-0123456789";

    [Fact]
    public async Task RequestsOverALimitGet429NamingItWithRetryAfterUntilTheWindowEnds()
    {
        using var data = new TempFolder();
        await using var silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["DATA_DIR"] = data.Path,
            ["ADMIN_TOKEN"] = AdminToken,
            ["RateLimits__PerApiKeyPermits"] = "5",
            ["RateLimits__PerApiKeyWindow"] = "00:10:00",
            ["RateLimits__PerAddressPermits"] = "30",
            ["RateLimits__PerAddressWindow"] = "00:10:00",
            ["RateLimits__FailedAuthPermits"] = "3",
            ["RateLimits__FailedAuthWindow"] = "00:10:00",
        });

        // Readiness polls count against the address too: one answer is enough to go on.
        await silo.WaitReadyAsync();
        using var http = silo.CreateHttpClient();
        var alice = await CreateUserAsync(http, "alice");
        var bob = await CreateUserAsync(http, "bob");

        var aliceStatuses = new List<HttpStatusCode>();
        HttpResponseMessage? overKey = null;
        for (var i = 0; i < 6; i++)
        {
            overKey?.Dispose();
            overKey = await SendAsync(http, "api/bots", alice);
            aliceStatuses.Add(overKey.StatusCode);
        }

        using var bobStill = await SendAsync(http, "api/bots", bob);
        var keyRefusal = await JsonOf(overKey!);

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests], aliceStatuses);
        Assert.Equal("requests_per_api_key", keyRefusal.GetProperty("limit").GetString());
        Assert.InRange(int.Parse(overKey!.Headers.GetValues("Retry-After").Single()), 1, 600);
        Assert.Equal(HttpStatusCode.OK, bobStill.StatusCode);

        // Refused credentials: three are answered 401, then the address is throttled, the right token too.
        var wrong = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await SendAsync(http, "api/admin/capacity", $"not-the-admin-token-{i}");
            wrong.Add(response.StatusCode);
        }

        using var rightButThrottled = await SendAsync(http, "api/admin/capacity", AdminToken);
        using var madeUpKey = await SendAsync(http, "api/bots", "mallory.made.up");
        var authRefusal = await JsonOf(rightButThrottled);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], wrong);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightButThrottled.StatusCode);
        Assert.Equal("failed_auth_per_address", authRefusal.GetProperty("limit").GetString());
        Assert.True(rightButThrottled.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.TooManyRequests, madeUpKey.StatusCode);

        // The address as a whole: open endpoints count too, until its limit.
        HttpResponseMessage? overAddress = null;
        for (var i = 0; i < 40 && overAddress?.StatusCode != HttpStatusCode.TooManyRequests; i++)
        {
            overAddress?.Dispose();
            overAddress = await http.GetAsync("healthz");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, overAddress!.StatusCode);
        Assert.Equal("requests_per_address", (await JsonOf(overAddress)).GetProperty("limit").GetString());
        Assert.True(overAddress.Headers.Contains("Retry-After"));
        overAddress.Dispose();
        overKey!.Dispose();

        // Other addresses have budgets of their own: failed sign-ins from one, made-up API keys from another, are counted there.
        using var signInClient = From(silo, IPAddress.Parse("127.0.0.2"));
        var signIns = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await signInClient.PostAsync("admin/login", new FormUrlEncodedContent([new("token", $"guess-{i}")]));
            signIns.Add(response.StatusCode);
        }

        using var rightSignIn = await signInClient.PostAsync("admin/login", new FormUrlEncodedContent([new("token", AdminToken)]));
        using var keyClient = From(silo, IPAddress.Parse("127.0.0.3"));
        var madeUpKeys = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await SendAsync(keyClient, "api/bots", $"alice.made-up-{i}.AAAAAAAAAAAAAAAAAAAAAA");
            madeUpKeys.Add(response.StatusCode);
        }

        using var bobFromThere = await SendAsync(keyClient, "api/bots", bob);
        using var elsewhere = From(silo, IPAddress.Parse("127.0.0.4"));
        using var bobElsewhere = await SendAsync(elsewhere, "api/bots", bob);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], signIns);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightSignIn.StatusCode);
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], madeUpKeys);
        Assert.Equal("failed_auth_per_address", (await JsonOf(bobFromThere)).GetProperty("limit").GetString());
        Assert.Equal(HttpStatusCode.OK, bobElsewhere.StatusCode);
    }

    /// <summary>A client whose connections come from <paramref name="source"/> (any 127.x.y.z reaches the silo on loopback).</summary>
    private static HttpClient From(SiloProcess silo, IPAddress source) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    {
        BaseAddress = silo.BaseAddress,
    };

    private static async Task<string> CreateUserAsync(HttpClient http, string userId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/admin/users") { Content = JsonContent.Create(new { user_id = userId }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await JsonOf(response)).GetProperty("api_key").GetString()!;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
