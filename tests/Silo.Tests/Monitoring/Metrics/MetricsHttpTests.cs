using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Npgsql;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Query;
using OrleansBots.Monitoring.Store;
using OrleansBots.Silo.Tests.Infrastructure;
using OrleansBots.Tests.Monitoring.Measuring;

namespace OrleansBots.Silo.Tests.Monitoring.Metrics;

/// <summary>Series, report and export from a real silo process reading the metrics stored in PostgreSQL; 503 while it is cut off.</summary>
public sealed class MetricsHttpTests
{
    [RequiresServersFact]
    public async Task SeriesReportAndExportReadWhatIsStoredInPostgres()
    {
        // Started first, so that the rows written below are the newest when the report reads them.
        using var data = new TempFolder();
        await using var proxy = new TcpProxy("127.0.0.1", new NpgsqlConnectionStringBuilder(TestServers.Postgres).Port);
        var environment = SiloEnvironment.Durable(SiloEnvironment.NewServiceId("metrics-http"), data.Path);
        environment["ConnectionStrings__Postgres"] = new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Port = proxy.Port, Timeout = 3 }.ConnectionString;
        await using var process = SiloProcess.Start(environment);
        await process.WaitReadyAsync();
        var silo = $"http-{Guid.NewGuid():N}";
        var now = DateTimeOffset.UtcNow;
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(-3);
        await using (var dataSource = NpgsqlDataSource.Create(TestServers.Postgres!))
        {
            await new PostgresMetricStore(dataSource).WriteAsync(
            [
                Aggregates.Counter(minute.AddSeconds(10), silo, "trades", 2, "{\"status\":\"success\"}"),
                Aggregates.Counter(minute.AddSeconds(20), silo, "trades", 3, "{\"status\":\"success\"}"),
                Aggregates.Counter(minute.AddSeconds(70), silo, "trades", 4, "{\"status\":\"success\"}"),
                Aggregates.Counter(minute.AddSeconds(70), silo, "trades", 9, "{\"status\":\"failure\"}"),
                Aggregates.Gauge(now.AddSeconds(-20), silo, "bots_running", 7),
                Aggregates.Gauge(now.AddSeconds(-10), silo, "bots_running", 8),
                Aggregates.Histogram(now.AddSeconds(-10), silo, "operation_execution_time", "{\"operation\":\"bot_tick\"}", [.. Enumerable.Repeat(0.004, 95), .. Enumerable.Repeat(0.8, 5)]),
                Aggregates.Histogram(now.AddSeconds(-10), silo, "operation_execution_time", "{\"operation\":\"exchange_request\"}", [.. Enumerable.Repeat(1.5, 10)]),
            ],
            [],
            CancellationToken.None);
        }

        using var http = process.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SiloEnvironment.AdminToken);
        var from = minute.ToUnixTimeSeconds();
        var to = Uri.EscapeDataString(minute.AddMinutes(2).ToString("O"));

        using var series = JsonDocument.Parse(await http.GetStringAsync($"api/admin/metrics?name=trades&silo={silo}&label.status=success&from={from}&to={to}&step=1m"));
        using var report = JsonDocument.Parse(await http.GetStringAsync($"api/admin/metrics/report?window=30s&silo={silo}"));
        using var export = await http.GetAsync($"api/admin/metrics/export?format=csv&name=trades&silo={silo}&label.status=success&from={from}&to={to}&step=1m");
        using var json = await http.GetAsync($"api/admin/metrics/export?format=json&name=trades&silo={silo}&from={from}&to={to}&step=1m");
        var csv = (await export.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
        using var everything = JsonDocument.Parse(await http.GetStringAsync($"api/admin/metrics/export?format=json&silo={silo}&from={from}&step=1m"));

        var points = series.RootElement.GetProperty("series").EnumerateArray().Single().GetProperty("points").EnumerateArray().ToList();
        Assert.Equal([5.0, 4.0], points.Select(p => p.GetProperty("value").GetDouble()));
        Assert.Equal(minute, points[0].GetProperty("ts").GetDateTimeOffset());

        var operations = report.RootElement.GetProperty("operations").EnumerateArray().ToDictionary(o => o.GetProperty("operation").GetString()!);
        var tick = operations["bot_tick"];
        Assert.Equal(100, tick.GetProperty("count").GetInt64());
        Assert.InRange(tick.GetProperty("p50_seconds").GetDouble(), 0.0025, 0.005);
        Assert.InRange(tick.GetProperty("p99_seconds").GetDouble(), 0.5, 0.8);
        Assert.Equal("exchange_request", report.RootElement.GetProperty("slowest")[0].GetProperty("operation").GetString());
        Assert.Contains(report.RootElement.GetProperty("current").EnumerateArray(), c => c.GetProperty("name").GetString() == "bots_running");

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", export.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal("ts,name,silo,labels,kind,value,count,min,max,p50,p95,p99", csv[0]);
        Assert.Equal(3, csv.Length);
        Assert.Contains(",5,", csv[1]);
        Assert.Equal(3, JsonDocument.Parse(await json.Content.ReadAsStringAsync()).RootElement.GetArrayLength());
        Assert.Equal(
            ["bots_running", "operation_execution_time", "trades"],
            everything.RootElement.EnumerateArray().Select(row => row.GetProperty("name").GetString()).Distinct().Order());

        proxy.Cut();
        using var unavailable = await http.GetAsync("api/admin/metrics?name=trades");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        Assert.NotNull(unavailable.Headers.RetryAfter);
    }
}
