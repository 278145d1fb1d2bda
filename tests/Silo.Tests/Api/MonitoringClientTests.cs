using System.Net;
using System.Xml.Linq;
using OrleansBots.Client;
using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Api;

/// <summary>The SDK's monitoring calls against the default silo (in memory).</summary>
[Collection(HttpSiloCollection.Name)]
public sealed class MonitoringClientTests(HttpSiloFixture fixture)
{
    [Fact]
    public async Task TheSdkReadsSeriesReportExportBottlenecksAndChartsOfARunningSilo()
    {
        var admin = fixture.Admin;

        // The silo stores its first batch after one metrics interval.
        var cpu = await Eventually.Get(
            () => admin.GetMetricSeriesAsync("cpu_usage_percent", step: TimeSpan.FromSeconds(10)),
            s => s.Series.Count > 0,
            TimeSpan.FromSeconds(30),
            "cpu series");
        var report = await admin.GetMetricsReportAsync(TimeSpan.FromMinutes(10));
        var csv = await admin.ExportMetricsAsync("csv", "memory_usage_bytes");
        var bottlenecks = await admin.GetBottlenecksAsync();
        var png = await admin.GetChartAsync("cpu", "png", minutes: 5);
        var svg = await admin.GetChartAsync("memory", "svg");

        Assert.Equal(10, cpu.StepSeconds);
        Assert.Contains(cpu.Series, s => s.Labels.GetValueOrDefault("scope") == "process");
        Assert.Contains(report.Current, c => c.Name == "memory_usage_bytes");
        Assert.StartsWith("ts,name,silo,labels,kind,value,count,min,max,p50,p95,p99\n", csv);
        Assert.Contains(",memory_usage_bytes,", csv);
        Assert.NotEmpty(bottlenecks.Silos);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.Equal("svg", XDocument.Parse(System.Text.Encoding.UTF8.GetString(svg)).Root!.Name.LocalName);
    }

    [Fact]
    public async Task ARefusedMonitoringCallThrowsWithTheMessageNamingTheProblem()
    {
        var badName = await Assert.ThrowsAsync<RequestValidationException>(() => fixture.Admin.GetMetricSeriesAsync("bad name"));
        var unknownChart = await Assert.ThrowsAsync<NotFoundException>(() => fixture.Admin.GetChartAsync("nope"));

        Assert.Equal((HttpStatusCode.BadRequest, true), (badName.StatusCode, badName.Message.Contains("name")));
        Assert.Equal((HttpStatusCode.NotFound, true), (unknownChart.StatusCode, unknownChart.Message.Contains("capacity")));
    }
}
