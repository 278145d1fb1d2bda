using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using System.Diagnostics.Metrics;
using OrleansBots.Silo.Api;
using OrleansBots.Silo.Tests.Infrastructure;
using OrleansBots.Tests;
using OrleansBots.Tests.Monitoring.Measuring;
using OrleansBots.Tests.Monitoring.Pipeline;

namespace OrleansBots.Silo.Tests.Monitoring.Metrics;

/// <summary>
/// The exporter as the silo configures it, in process, with instruments shaped like the hardware meter's. It
/// listens to every "OrleansBots*" meter in the process, so it runs alone: the in-process test clusters of
/// other tests publish the same series.
/// </summary>
[Collection(ProcessMetersCollection.Name)]
public sealed class PrometheusExportTests
{
    [Fact]
    public async Task EveryOrleansBotsMeterIsExportedWithPrometheusUnitAndTotalSuffixes()
    {
        var port = LoopbackPorts.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Services.AddPrometheusMetrics();
        await using var app = builder.Build();
        app.MapPrometheusMetrics();
        await app.StartAsync();
        using var hardware = new Meter("OrleansBots.Hardware");
        hardware.CreateObservableGauge("memory_usage_bytes", () => 1_000_000L, "By");
        hardware.CreateObservableGauge("cpu_usage_percent", () => new Measurement<double>(12.5, new KeyValuePair<string, object?>("scope", "process")), "%");
        hardware.CreateObservableCounter("disk_io_bytes", () => new Measurement<long>(4096, new KeyValuePair<string, object?>("operation", "read")), "By");
        using var unrelated = new Meter("SomeLibrary");
        unrelated.CreateObservableGauge("library_gauge", () => 1);

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var metrics = PrometheusText.Parse(await http.GetStringAsync("metrics"));
        await app.StopAsync();

        Assert.Equal(1_000_000, Assert.Single(metrics.Families["memory_usage_bytes"].Samples).Value);
        Assert.Equal("process", Assert.Single(metrics.Families["cpu_usage_percent"].Samples).Labels["scope"]);
        Assert.Equal(("counter", "read"), (metrics.Families["disk_io_bytes_total"].Type, Assert.Single(metrics.Families["disk_io_bytes_total"].Samples).Labels["operation"]));
        Assert.Null(metrics.FamilyStartingWith("library_gauge"));
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMetersCollection
{
    public const string Name = "process-wide meters";
}
