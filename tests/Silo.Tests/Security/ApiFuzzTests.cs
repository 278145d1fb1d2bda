using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OrleansBots.Silo.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OrleansBots.Silo.Tests.Security;

/// <summary>
/// Bad input over every endpoint of the served OpenAPI document against a real silo process. The suite sends
/// <see cref="SuiteRequests"/> requests; the long run is documented in docs/SECURITY.md:
/// <c>OB_FUZZ_REQUESTS=10000 ./scripts/test.sh --filter FullyQualifiedName~ApiFuzzTests</c> (<c>OB_FUZZ_SEED</c> repeats a run).
/// </summary>
public sealed class ApiFuzzTests(ITestOutputHelper output)
{
    private const int SuiteRequests = 1500;
    private const int Senders = 4;
    private const int MaxBodyRead = 4 * 1024 * 1024;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan StreamWindow = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task BadRequestsOverEveryEndpointGetNo5xxNoTimeoutNoCrossTenantSuccessAndLeakNoSecret()
    {
        var total = int.TryParse(Environment.GetEnvironmentVariable("OB_FUZZ_REQUESTS"), out var asked) && asked > 0 ? asked : SuiteRequests;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("OB_FUZZ_SEED"), out var given) ? given : RandomNumberGenerator.GetInt32(int.MaxValue);
        using var data = new TempFolder();
        var adminToken = "fuzz-admin-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        await using var silo = SiloProcess.Start(new Dictionary<string, string>
        {
            ["DATA_DIR"] = data.Path,
            ["ADMIN_TOKEN"] = adminToken,
            ["MAX_CONCURRENT_BOTS"] = "1000",
            ["RateLimits__PerAddressPermits"] = "10000000",
            ["RateLimits__PerApiKeyPermits"] = "10000000",
            ["RateLimits__FailedAuthPermits"] = "10000000",
        });
        await silo.WaitReadyAsync();
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = silo.BaseAddress, Timeout = RequestTimeout };

        var targets = new FuzzTargets(["fuzz-victim-1", "fuzz-victim-2", "fuzz-nobody"]);
        var keys = new Dictionary<FuzzCaller, string>
        {
            [FuzzCaller.Admin] = adminToken,
            [FuzzCaller.Owner] = await CreateUserAsync(http, adminToken, "fuzz-owner"),
            [FuzzCaller.OtherTenant] = await CreateUserAsync(http, adminToken, "fuzz-other"),
            [FuzzCaller.Garbage] = "fuzz-owner.AAAA.BBBB",
        };
        foreach (var victim in targets.SacrificialUserIds.Take(2))
        {
            await CreateUserAsync(http, adminToken, victim);
        }

        foreach (var tenant in new[] { FuzzCaller.Owner, FuzzCaller.OtherTenant })
        {
            for (var i = 0; i < 2; i++)
            {
                var botId = await CreateBotAsync(http, keys[tenant]);
                targets.AddBot(tenant, botId);
                if (i == 0)
                {
                    using var start = await SendAsync(http, HttpMethod.Post, $"api/bots/{botId}/start", keys[tenant]);
                    Assert.Equal(HttpStatusCode.OK, start.StatusCode);
                }
            }
        }

        using var openApi = JsonDocument.Parse(await http.GetStringAsync("openapi/v1.json"));
        var fuzzer = new ApiFuzzer(openApi, targets, seed);
        var secrets = new[] { adminToken, keys[FuzzCaller.Owner], keys[FuzzCaller.OtherTenant] };
        var tally = new FuzzTally();
        var sent = 0;

        async Task SendLoopAsync()
        {
            while (Interlocked.Increment(ref sent) <= total)
            {
                FuzzRequest request;
                lock (fuzzer)
                {
                    request = fuzzer.Next();
                }

                await SendOneAsync(http, request, keys, targets, secrets, tally);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Senders).Select(_ => Task.Run(SendLoopAsync)));
        using var ready = await http.GetAsync("readyz");
        var log = silo.Log;
        foreach (var secret in secrets)
        {
            if (log.Contains(secret, StringComparison.Ordinal))
            {
                tally.Fail("secret", $"a secret ({secret[..8]}…) is in the silo's log");
            }
        }

        foreach (var line in log.Split('\n').Where(l => l.Contains("Request ", StringComparison.Ordinal) && l.Contains(" failed", StringComparison.Ordinal)))
        {
            tally.Fail("5xx", $"the log has a failed request: {line.Trim()}");
        }

        output.WriteLine($"seed {seed}: {total} requests over {fuzzer.OperationNames.Count} operations; statuses {tally.Statuses}; designed 503 'Server full': {tally.ServerFull}");
        Assert.True(tally.Failures.Count == 0, $"seed {seed} (OB_FUZZ_SEED={seed} repeats it): {tally.Summary}");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.True(fuzzer.OperationNames.Count > 30, $"the OpenAPI document lists every endpoint: {string.Join(", ", fuzzer.OperationNames)}");
    }

    private static async Task SendOneAsync(HttpClient http, FuzzRequest request, Dictionary<FuzzCaller, string> keys, FuzzTargets targets, string[] secrets, FuzzTally tally)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(request.PathAndQuery.TrimStart('/'), UriKind.Relative));
        if (keys.TryGetValue(request.Caller, out var key))
        {
            message.Headers.TryAddWithoutValidation("Authorization", $"Bearer {key}");
        }

        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is { Length: > 0 } type)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }

        HttpResponseMessage response;
        try
        {
            // The timeout is the time to the answer's headers: a stream (the dashboard's trace, Server-Sent Events) may then go on.
            response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
        }
        catch (TaskCanceledException)
        {
            tally.Fail("timeout", request.Description);
            return;
        }
        catch (HttpRequestException error)
        {
            tally.Fail("connection", $"{request.Description}: {error.Message}");
            return;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var body = await ReadSomeAsync(response);
            tally.Count(status);
            var everything = body + string.Join('\n', response.Headers.Concat(response.Content.Headers).Select(h => $"{h.Key}: {string.Join(',', h.Value)}"));
            if (status >= 500)
            {
                if (status == 503 && body.Contains("Server full", StringComparison.Ordinal))
                {
                    tally.CountServerFull();
                }
                else
                {
                    tally.Fail("5xx", $"{status} for {request.Description} ({request.Method} {Shorten(request.PathAndQuery)}): {Shorten(body)}");
                }
            }

            if (status is >= 200 and < 300 && request.AimsAcrossTenants)
            {
                tally.Fail("cross-tenant", $"{status} for {request.Description} ({request.Method} {Shorten(request.PathAndQuery)})");
            }

            if (status is >= 200 and < 300 && FuzzTargets.OtherTenantOf(request.Caller) is { } other
                && targets.BotsOf(other).FirstOrDefault(id => body.Contains(id, StringComparison.Ordinal)) is { } leaked)
            {
                tally.Fail("cross-tenant", $"{request.Description} answered another tenant's bot {leaked}");
            }

            if (secrets.FirstOrDefault(s => everything.Contains(s, StringComparison.Ordinal)) is { } secret)
            {
                tally.Fail("secret", $"{request.Description} answered a secret ({secret[..8]}…)");
            }

            if (status == 201 && request.Method == "POST" && request.PathAndQuery.TrimEnd('/') == "/api/bots" && request.Caller is FuzzCaller.Owner or FuzzCaller.OtherTenant)
            {
                using var created = JsonDocument.Parse(body);
                targets.AddBot(request.Caller, created.RootElement.GetProperty("bot_id").GetString()!);
            }
        }
    }

    /// <summary>The body, or what of it came within <see cref="StreamWindow"/> (streams do not end by themselves).</summary>
    private static async Task<string> ReadSomeAsync(HttpResponseMessage response)
    {
        using var window = new CancellationTokenSource(StreamWindow);
        var received = new MemoryStream();
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(window.Token);
            var buffer = new byte[16 * 1024];
            int read;
            while (received.Length < MaxBodyRead && (read = await stream.ReadAsync(buffer, window.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (OperationCanceledException)
        {
            // A stream: what came so far is checked like any answer.
        }

        return Encoding.UTF8.GetString(received.ToArray());
    }

    private static async Task<string> CreateUserAsync(HttpClient http, string adminToken, string userId)
    {
        using var response = await SendAsync(http, HttpMethod.Post, "api/admin/users", adminToken, JsonContent.Create(new { user_id = userId, max_bots = 2 }));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return json.RootElement.GetProperty("api_key").GetString()!;
    }

    private static async Task<string> CreateBotAsync(HttpClient http, string apiKey)
    {
        var content = new StringContent("{\"name\":\"fuzz\",\"symbols\":[\"BTCUSDT\"],\"tick_seconds\":5}", Encoding.UTF8, "application/json");
        using var response = await SendAsync(http, HttpMethod.Post, "api/bots", apiKey, content);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return json.RootElement.GetProperty("bot_id").GetString()!;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string token, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;

    /// <summary>What a run found, counted by kind, with the first few examples of each.</summary>
    private sealed class FuzzTally
    {
        private readonly Dictionary<int, int> _statuses = [];
        private readonly List<(string Kind, string Example)> _failures = [];
        private int _serverFull;

        public IReadOnlyList<(string Kind, string Example)> Failures
        {
            get
            {
                lock (_failures)
                {
                    return [.. _failures];
                }
            }
        }

        public int ServerFull => _serverFull;

        public string Statuses
        {
            get
            {
                lock (_statuses)
                {
                    return string.Join(", ", _statuses.OrderBy(p => p.Key).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}×{p.Value}")));
                }
            }
        }

        public string Summary
        {
            get
            {
                var failures = Failures;
                var counts = string.Join(", ", failures.GroupBy(f => f.Kind).Select(g => $"{g.Count()} × {g.Key}"));
                var examples = failures.GroupBy(f => f.Kind).SelectMany(g => g.Take(5)).Select(f => $"\n  [{f.Kind}] {f.Example}");
                return $"{counts}{string.Concat(examples)}\nstatuses: {Statuses}";
            }
        }

        public void Count(int status)
        {
            lock (_statuses)
            {
                _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
            }
        }

        public void CountServerFull() => Interlocked.Increment(ref _serverFull);

        public void Fail(string kind, string example)
        {
            lock (_failures)
            {
                _failures.Add((kind, example));
            }
        }
    }
}
