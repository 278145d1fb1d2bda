using Microsoft.Extensions.Hosting;
using System.Diagnostics.Metrics;
using OrleansBots.Monitoring.Measuring;

namespace OrleansBots.Hardware;

/// <summary>
/// Samples the silo's resources in the background and publishes them on the meter <c>OrleansBots.Hardware</c>.
/// The instruments are observable: exporting them only reads the latest sample. It is also the silo's
/// <see cref="ISiloLoad"/>; while over the CPU target it samples four times less often (monitoring steps back first).
/// </summary>
/// <remarks>It takes no logger on purpose: the logging filter reads <see cref="ISiloLoad"/>, and a logger here would make them depend on each other.</remarks>
public sealed class ResourceMonitor : BackgroundService, ISiloLoad
{
    public const string MeterName = "OrleansBots.Hardware";

    // The load used for decisions is the mean of the last few samples, so one busy instant does not flip it.
    private const int Smoothing = 3;

    private readonly Func<ResourceSample> _sample;
    private readonly HardwareOptions _options;
    private readonly SiloHardware _hardware;
    private readonly TimeProvider _time;
    private readonly Meter _meter;
    private readonly Queue<double> _recentCpu = new();
    private volatile ResourceSample _latest = ResourceSample.Empty;
    private double _cpuPercent;

    public ResourceMonitor(SiloHardware hardware, IOptions<HardwareOptions> options, TimeProvider time, IMeterFactory meters)
        : this(ResourceSampler.Machine(hardware, time).Sample, hardware, options, time, meters)
    {
    }

    // The meter comes from the silo's factory so that each silo of an in-process test cluster reports only to its own aggregator.
    public ResourceMonitor(Func<ResourceSample> sample, SiloHardware hardware, IOptions<HardwareOptions> options, TimeProvider time, IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _sample = sample;
        _hardware = hardware;
        _options = options.Value;
        _time = time;
        CreateInstruments();
        Sample();
    }

    public double CpuPercent => Volatile.Read(ref _cpuPercent);

    public double MemoryPercent => _latest.MemoryPercent;

    public bool OverCpuTarget => CpuPercent > _options.CpuTargetUsage;

    /// <summary>The interval until the next sample: longer in low resource mode and while over the CPU target.</summary>
    public TimeSpan NextInterval => IntervalOf(_hardware, OverCpuTarget);

    /// <summary>The monitoring interval of a silo with this hardware: 4× longer while over the CPU target.</summary>
    public static TimeSpan IntervalOf(SiloHardware hardware, bool overCpuTarget) =>
        TimeSpan.FromSeconds(hardware.Budgets.MonitorIntervalSeconds) * (overCpuTarget ? 4 : 1);

    /// <summary>Takes one sample now (the background loop calls it; tests may too).</summary>
    public void Sample()
    {
        var sample = _sample();
        lock (_recentCpu)
        {
            _recentCpu.Enqueue(sample.MachineCpuPercent);
            while (_recentCpu.Count > Smoothing)
            {
                _recentCpu.Dequeue();
            }

            Volatile.Write(ref _cpuPercent, _recentCpu.Average());
        }

        _latest = sample;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(NextInterval, _time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Sample();
        }
    }

    private void CreateInstruments()
    {
        _meter.CreateObservableGauge(MetricNames.CpuUsagePercent, () => new[]
        {
            new Measurement<double>(_latest.ProcessCpuPercent, new KeyValuePair<string, object?>("scope", "process")),
            new Measurement<double>(_latest.MachineCpuPercent, new KeyValuePair<string, object?>("scope", "machine")),
        }, description: "CPU use in percent of the usable cores (the cgroup quota when limited)");
        _meter.CreateObservableGauge(MetricNames.MemoryUsageBytes, () => _latest.WorkingSetBytes, description: "Working set of the silo process");
        _meter.CreateObservableGauge(MetricNames.MemoryAvailableBytes, () => _latest.MemoryAvailableBytes, description: "Memory still available (to the cgroup when limited)");
        _meter.CreateObservableGauge(MetricNames.MemoryUsagePercent, () => _latest.MemoryPercent, description: "Memory in use, percent of the cgroup limit when set, else of the machine");
        _meter.CreateObservableGauge(MetricNames.GcHeapBytes, () => GC.GetGCMemoryInfo().HeapSizeBytes, description: "Managed heap size after the last GC");
        _meter.CreateObservableCounter(MetricNames.GcCollections, () => Enumerable.Range(0, GC.MaxGeneration + 1)
            .Select(generation => new Measurement<long>(GC.CollectionCount(generation), new KeyValuePair<string, object?>("generation", generation.ToString(System.Globalization.CultureInfo.InvariantCulture)))),
            description: "Garbage collections per generation");

        // The whole of every pause: what each request and tick on the silo waited out, which the collection counts alone do not tell.
        _meter.CreateObservableCounter(MetricNames.GcPauseTime, () => GC.GetTotalPauseDuration().TotalSeconds, unit: "s", description: "Time the GC paused the silo's threads, all collections together");
        _meter.CreateObservableGauge(MetricNames.DiskFreeBytes, () => _latest.DiskFreeBytes, description: "Free space on the data folder's drive");
        _meter.CreateObservableGauge(MetricNames.DiskUsagePercent, () => _latest.DiskUsagePercent, description: "Used space on the data folder's drive, percent");
        _meter.CreateObservableCounter(MetricNames.DiskIoBytes, () => new[]
        {
            new Measurement<long>(_latest.DiskReadBytes, new KeyValuePair<string, object?>("operation", "read")),
            new Measurement<long>(_latest.DiskWriteBytes, new KeyValuePair<string, object?>("operation", "write")),
        }, description: "Bytes the silo process read from and wrote to block devices");
        _meter.CreateObservableCounter(MetricNames.NetworkBytes, () => new[]
        {
            new Measurement<long>(_latest.NetworkReceivedBytes, new KeyValuePair<string, object?>("direction", "received")),
            new Measurement<long>(_latest.NetworkSentBytes, new KeyValuePair<string, object?>("direction", "sent")),
        }, description: "Bytes through the network interfaces other than loopback");
    }
}
