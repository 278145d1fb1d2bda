using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OrleansBots.Silo.Tests.Api;
using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Hardware;

/// <summary>The real silo process reports its hardware per silo in the stats and serves the Orleans dashboard behind the admin token.</summary>
[Collection(HttpSiloCollection.Name)]
public sealed class HardwareStatsTests(HttpSiloFixture fixture)
{
    [Fact]
    public async Task StatsShowEachSilosHardwareBudgetsAndLoad()
    {
        var silo = await Eventually.Get(
            async () =>
            {
                using var json = await GetJsonAsync("api/admin/stats", fixture.AdminToken);
                return json.RootElement.GetProperty("silos")[0].Clone();
            },
            s => s.GetProperty("hardware").ValueKind == JsonValueKind.Object && s.GetProperty("load").ValueKind == JsonValueKind.Object,
            TimeSpan.FromSeconds(30),
            "the silo registered its hardware");

        var hardware = silo.GetProperty("hardware");
        var cpu = hardware.GetProperty("cpu");
        var memory = hardware.GetProperty("memory");
        var disk = hardware.GetProperty("disk");
        var budgets = hardware.GetProperty("budgets");
        Assert.Equal(Environment.ProcessorCount, cpu.GetProperty("cores_logical").GetInt32());
        Assert.InRange(cpu.GetProperty("cores_physical").GetInt32(), 1, Environment.ProcessorCount);
        Assert.Equal(JsonValueKind.String, cpu.GetProperty("model").ValueKind);
        Assert.True(memory.GetProperty("total_bytes").GetInt64() > 0);
        Assert.True(memory.GetProperty("available_bytes").GetInt64() > 0);
        Assert.True(memory.TryGetProperty("cgroup_limit_bytes", out _));
        Assert.True(disk.GetProperty("free_bytes").GetInt64() > 0);
        Assert.Contains(disk.GetProperty("kind").GetString(), new[] { "nvme", "ssd", "hdd", "unknown" });
        Assert.True(hardware.TryGetProperty("gpu", out _));
        Assert.Equal(JsonValueKind.Array, hardware.GetProperty("network").ValueKind);
        Assert.True(budgets.GetProperty("concurrent_ticks").GetInt32() > 0);
        Assert.True(budgets.GetProperty("cache_bytes").GetInt64() > 0);
        Assert.True(hardware.GetProperty("recommended_max_bots").GetInt32() >= 1);
        Assert.InRange(silo.GetProperty("load").GetProperty("cpu_percent").GetDouble(), 0, 100);
        Assert.InRange(silo.GetProperty("load").GetProperty("memory_percent").GetDouble(), 0, 100);

        // The SDK reads the same answer.
        var stats = await fixture.Admin.GetStatsAsync();
        Assert.Equal(Environment.ProcessorCount, stats.Silos[0].Hardware!.Cpu.CoresLogical);
    }

    [Fact]
    public void TheStartLogShowsTheProbeAndBudgets()
    {
        Assert.Contains("Hardware probe and budgets (applied: Hardware__AutoAdapt=true)", fixture.Silo.Log);
        Assert.Contains("recommended MAX_CONCURRENT_BOTS for this silo:", fixture.Silo.Log);
    }

    [Fact]
    public void TheSiloRunsTheWorkstationGarbageCollectorUnlessToldOtherwise()
    {
        Assert.Contains("Garbage collector: workstation, concurrent (DOTNET_gcServer=1 switches to the server GC", fixture.Silo.Log);
    }

    [Theory]
    [InlineData("dashboard")]
    [InlineData("dashboard/")]
    [InlineData("dashboard/index.min.js")]
    [InlineData("dashboard/DashboardCounters")]
    [InlineData("dashboard/no-such-file")]
    public async Task EveryDashboardPathRefusesWithoutTheAdminToken(string path)
    {
        using var none = await SendAsync(path, null);
        using var wrong = await SendAsync(path, "not-the-token");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    [Theory]
    [InlineData("dashboard/", "text/html")]
    [InlineData("dashboard/index.min.js", "javascript")]
    [InlineData("dashboard/DashboardCounters", "application/json")]
    public async Task TheDashboardIsServedWithTheAdminToken(string path, string contentType)
    {
        using var response = await SendAsync(path, fixture.AdminToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(contentType, response.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task TheOperatorPagesSignInCookieOpensTheDashboard()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "dashboard/");
        request.Headers.Add("Cookie", await fixture.SignInCookieAsync());
        using var response = await fixture.Http.SendAsync(request);
        using var page = await SendAsync("admin", fixture.AdminToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("href=\"/dashboard\"", await page.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await fixture.Http.SendAsync(request);
    }

    private async Task<JsonDocument> GetJsonAsync(string path, string token)
    {
        using var response = await SendAsync(path, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
