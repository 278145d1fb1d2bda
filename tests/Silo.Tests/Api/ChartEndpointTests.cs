using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OrleansBots.Silo.Tests.Charts;

namespace OrleansBots.Silo.Tests.Api;

[Collection(HttpSiloCollection.Name)]
public sealed class ChartEndpointTests(HttpSiloFixture fixture)
{
    private static readonly string[] Names = ["capacity", "ticks", "tick_p95", "cpu", "memory", "cache_hit_rate", "alerts"];

    public static TheoryData<string> Charts => new(Names);

    [Theory]
    [MemberData(nameof(Charts))]
    public async Task EveryChartDownloadsAsPngAndSvg(string chart)
    {
        using var png = await GetAsync($"api/admin/charts/{chart}.png?minutes=30");
        using var svg = await GetAsync($"api/admin/charts/{chart}.svg");

        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"{chart}.png", png.Content.Headers.ContentDisposition!.FileName);
        ChartImages.AssertPng(await png.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, svg.StatusCode);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        ChartImages.AssertSvg(await svg.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AnUnknownChartIs404NamingTheKnownOnes()
    {
        using var response = await GetAsync("api/admin/charts/latency.png");
        var error = await ErrorOf(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("'latency'", error);
        Assert.Contains("capacity, ticks, tick_p95, cpu, memory, cache_hit_rate, alerts", error);
    }

    [Fact]
    public async Task AnUnknownFormatIs404()
    {
        using var response = await GetAsync("api/admin/charts/cpu.gif");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("cpu.png or cpu.svg", await ErrorOf(response));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("many")]
    [InlineData("100000")]
    public async Task ABadWindowIs400NamingMinutes(string minutes)
    {
        using var response = await GetAsync($"api/admin/charts/cpu.svg?minutes={minutes}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("minutes must be", await ErrorOf(response));
    }

    [Fact]
    public async Task ChartsNeedTheAdminTokenOrThePagesCookie()
    {
        using var none = await GetAsync("api/admin/charts/cpu.png", token: null);
        using var cookie = new HttpRequestMessage(HttpMethod.Get, "api/admin/charts/cpu.png");
        cookie.Headers.Add("Cookie", await fixture.SignInCookieAsync());
        using var withCookie = await fixture.Http.SendAsync(cookie);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withCookie.StatusCode);
    }

    [Fact]
    public async Task TheChartListAndTheAdminPageLinkEveryChartAsPngAndSvg()
    {
        using var list = await GetAsync("api/admin/charts");
        using var json = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
        using var page = await GetAsync("admin");
        var html = await page.Content.ReadAsStringAsync();

        var charts = json.RootElement.GetProperty("charts").EnumerateArray().ToList();
        Assert.Equal(Names, charts.Select(c => c.GetProperty("name").GetString()));
        foreach (var chart in charts)
        {
            Assert.Contains($"href=\"{chart.GetProperty("png").GetString()}\" download>PNG", html);
            Assert.Contains($"href=\"{chart.GetProperty("svg").GetString()}\" download>SVG", html);
        }

        Assert.Contains("<meta http-equiv=\"refresh\" content=\"5\">", html);
    }

    [Fact]
    public async Task BottlenecksAnswerWithOperationsAndResources()
    {
        using var response = await GetAsync("api/admin/bottlenecks");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(json.RootElement.GetProperty("success").GetBoolean());
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("operations").ValueKind);
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("resources").ValueKind);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, bool withToken = true) => await GetAsync(path, withToken ? fixture.AdminToken : null);

    private async Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await fixture.Http.SendAsync(request);
    }

    private static async Task<string> ErrorOf(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("error").GetString()!;
    }
}
