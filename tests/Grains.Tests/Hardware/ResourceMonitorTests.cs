using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using System.Diagnostics.Metrics;
using OrleansBots.Hardware;

namespace OrleansBots.Tests.Hardware;

public sealed class ResourceMonitorTests
{
    private static readonly IMeterFactory Meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    private static readonly SiloHardware Hardware = new(
        new CpuInfo(2, 2, "test", null, "x64", null),
        new MemoryInfo(4L << 30, 2L << 30, null, 4L << 30),
        new DiskInfo("/", 1L << 40, 1L << 39, "ssd", "sda"),
        null,
        [],
        new HardwareBudgets(true, false, 16, 1L << 28, 85, 80, 80, 70, 1L << 31, 32768, 100, 100, 5),
        100,
        DateTimeOffset.UnixEpoch);

    [Fact]
    public void TheSiloIsOverItsCpuTargetWhileItsRecentCpuUseIsAboveIt()
    {
        var cpu = new Queue<double>([90, 90, 90, 60, 10]);
        var monitor = new ResourceMonitor(() => Sample(cpu.Dequeue()), Hardware, Options.Create(new HardwareOptions { CpuTargetUsage = 70 }), TimeProvider.System, Meters);
        monitor.Sample();
        monitor.Sample();

        Assert.True(monitor.OverCpuTarget);
        Assert.Equal(90, monitor.CpuPercent);
        Assert.Equal(TimeSpan.FromSeconds(20), monitor.NextInterval);

        monitor.Sample();
        Assert.True(monitor.OverCpuTarget);
        monitor.Sample();

        Assert.False(monitor.OverCpuTarget);
        Assert.Equal(TimeSpan.FromSeconds(5), monitor.NextInterval);
    }

    [Fact]
    public void TheMeterPublishesTheAgreedResourceNames()
    {
        using var monitor = new ResourceMonitor(() => Sample(42), Hardware, Options.Create(new HardwareOptions()), TimeProvider.System, Meters);
        var seen = new List<(string Name, object? Value, string Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ResourceMonitor.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => seen.Add((i.Name, v, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}")))));
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => seen.Add((i.Name, v, string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}")))));
        listener.Start();

        listener.RecordObservableInstruments();

        Assert.Contains(("cpu_usage_percent", (object?)42.0, "scope=machine"), seen);
        Assert.Contains(("cpu_usage_percent", (object?)21.0, "scope=process"), seen);
        Assert.Contains(("memory_usage_percent", (object?)50.0, ""), seen);
        Assert.Contains(("disk_io_bytes", (object?)7L, "operation=write"), seen);
        Assert.Contains(("network_bytes", (object?)9L, "direction=sent"), seen);
        foreach (var name in new[] { "memory_usage_bytes", "memory_available_bytes", "gc_heap_bytes", "gc_collections", "gc_pause_time", "disk_free_bytes", "disk_usage_percent" })
        {
            Assert.Contains(seen, s => s.Name == name);
        }
    }

    [Fact]
    public void ThePauseCounterIsEveryPauseOfTheRuntimeSoFarInSeconds()
    {
        using var monitor = new ResourceMonitor(() => Sample(42), Hardware, Options.Create(new HardwareOptions()), TimeProvider.System, Meters);
        var readings = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ResourceMonitor.MeterName && instrument.Name == "gc_pause_time")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => readings.Add(value));
        listener.Start();

        GC.Collect(2, GCCollectionMode.Forced, blocking: true);
        var before = GC.GetTotalPauseDuration().TotalSeconds;
        listener.RecordObservableInstruments();
        var after = GC.GetTotalPauseDuration().TotalSeconds;

        // Other tests' silos in this process publish the same instrument: every reading is the process's one figure.
        Assert.NotEmpty(readings);
        Assert.All(readings, reading => Assert.InRange(reading, before, after));
        Assert.True(readings[0] > 0, "a blocking collection just paused the process");
    }

    [Fact]
    public void MachineCpuInAContainerIsTheGroupsUsageAgainstItsQuota()
    {
        using var root = new FixtureRoot(new Dictionary<string, string>
        {
            ["/proc/self/cgroup"] = "0::/\n",
            ["/sys/fs/cgroup/cgroup.controllers"] = "cpu memory\n",
            ["/sys/fs/cgroup/cpu.stat"] = "usage_usec 1000000\n",
            ["/sys/fs/cgroup/memory.current"] = "268435456\n",
        });
        var limited = Hardware with { Cpu = Hardware.Cpu with { CgroupLimitCores = 1 }, Memory = Hardware.Memory with { CgroupLimitBytes = 1L << 30 } };
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var processCpu = TimeSpan.Zero;
        var sampler = new ResourceSampler(root.Files, new Cgroup(root.Files), limited, time, () => processCpu, () => 100);
        sampler.Sample();

        time.Advance(TimeSpan.FromSeconds(2));
        processCpu = TimeSpan.FromSeconds(1);
        root.Write("/sys/fs/cgroup/cpu.stat", "usage_usec 2500000\n");
        var sample = sampler.Sample();

        Assert.Equal(75, sample.MachineCpuPercent, 3);
        Assert.Equal(50, sample.ProcessCpuPercent, 3);
        Assert.Equal(25, sample.MemoryPercent, 3);
        Assert.Equal((1L << 30) - (1L << 28), sample.MemoryAvailableBytes);
    }

    [Fact]
    public void KernelCountersAreParsed()
    {
        Assert.Equal((300L, 1000L), ResourceSampler.ParseStat("cpu  200 0 100 600 100 0 0 0 0 0\ncpu0 1 1 1 1 1 0 0 0 0 0\n"));
        Assert.Equal(
            (1500L, 700L),
            ResourceSampler.ParseNetDev("Inter-|   Receive\n face |bytes packets\n    lo: 999 1 0 0 0 0 0 0 999 1 0 0 0 0 0 0\n  eth0: 1000 3 0 0 0 0 0 0 600 2 0 0 0 0 0 0\n  eth1: 500 3 0 0 0 0 0 0 100 2 0 0 0 0 0 0\n"));
        Assert.Equal((4096L, 8192L), ResourceSampler.ParseProcessIo("rchar: 1\nwchar: 2\nread_bytes: 4096\nwrite_bytes: 8192\ncancelled_write_bytes: 0\n"));
    }

    private static ResourceSample Sample(double cpu) =>
        new(DateTimeOffset.UnixEpoch, cpu / 2, cpu, 100, 2L << 30, 50, 1L << 39, 50, 3, 7, 11, 9);
}
