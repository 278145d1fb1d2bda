using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Api;

/// <summary>The metrics endpoints on the default silo (in memory, no PostgreSQL).</summary>
[Collection(HttpSiloCollection.Name)]
public sealed class MetricsEndpointTests(HttpSiloFixture fixture)
{
    [Theory]
    [InlineData("metrics", "name")]
    [InlineData("metrics?name=bots_running&from=yesterday", "from")]
    [InlineData("metrics?name=bots_running&to=2026-13-45", "to")]
    [InlineData("metrics?name=bots_running&step=fast", "step")]
    [InlineData("metrics?name=bots_running&step=0.5s", "step")]
    [InlineData("metrics?name=bots_running&from=0&to=10000000&step=1s", "step")]
    [InlineData("metrics?name=bots_running&from=200&to=100", "from")]
    [InlineData("metrics?name=bad%20name", "name")]
    [InlineData("metrics?name=bots_running&color=red", "color")]
    [InlineData("metrics?name=bots_running&label.=x", "label.")]
    [InlineData("metrics/report?window=forever", "window")]
    [InlineData("metrics/export?name=bots_running&format=xml", "format")]
    public async Task BadQueryParametersAreRefusedNamingThem(string pathAndQuery, string parameter)
    {
        using var response = await SendAsync(pathAndQuery);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(body.RootElement.GetProperty("success").GetBoolean());
        Assert.Contains(parameter, body.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task TheInMemoryHistoryAnswersSeriesReportAndExportWithoutPostgres()
    {
        using var series = await SendAsync("metrics?name=bots_running&from=2026-01-01T00:00:00Z&to=1767229200&step=10m");
        using var report = await SendAsync("metrics/report?window=1h");
        using var export = await SendAsync("metrics/export?name=bots_running&format=csv");
        var csv = await export.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, series.StatusCode);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.StartsWith("ts,name,silo,labels,kind,value,count,min,max,p50,p95,p99", csv);
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task AnExportWithoutANameHoldsEveryMetricOfTheWindow()
    {
        // The silo stores its first batch after one metrics interval.
        var csv = await Eventually.Get(
            async () =>
            {
                using var export = await SendAsync("metrics/export?format=csv");
                Assert.Equal(HttpStatusCode.OK, export.StatusCode);
                Assert.Contains("metrics-all-", export.Content.Headers.ContentDisposition?.FileName);
                return (await export.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
            },
            lines => lines.Length > 1,
            TimeSpan.FromSeconds(30),
            "exported rows");

        var names = csv.Skip(1).Select(line => line.Split(',')[1]).Distinct().ToList();
        Assert.Equal("ts,name,silo,labels,kind,value,count,min,max,p50,p95,p99", csv[0]);
        Assert.Contains("cpu_usage_percent", names);
        Assert.Contains("memory_usage_bytes", names);
    }

    [Fact]
    public async Task MetricsNeedTheAdminToken()
    {
        using var response = await fixture.Http.GetAsync("api/admin/metrics?name=bots_running");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(string pathAndQuery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/admin/" + pathAndQuery);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.AdminToken);
        return await fixture.Http.SendAsync(request);
    }
}
