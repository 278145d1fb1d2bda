using System.Globalization;

namespace OrleansBots.Hardware;

/// <summary>
/// Reads the counters behind one <see cref="ResourceSample"/>: process CPU from the runtime; machine CPU from the
/// cgroup's usage against its quota when the container is limited, else from /proc/stat; memory from the cgroup
/// or /proc/meminfo; disk space of the data folder; disk I/O from /proc/self/io; network from /proc/net/dev.
/// CPU percentages are over the time since the previous sample, so the first one reads zero.
/// </summary>
public sealed class ResourceSampler(HostFiles files, Cgroup cgroup, SiloHardware hardware, TimeProvider time, Func<TimeSpan> processCpuTime, Func<long> workingSet)
{
    private readonly double? _cpuQuota = hardware.Cpu.CgroupLimitCores;
    private readonly long? _memoryLimit = hardware.Memory.CgroupLimitBytes;
    private DateTimeOffset _previousAt;
    private TimeSpan _previousProcessCpu;
    private TimeSpan? _previousCgroupCpu;
    private (long Busy, long Total)? _previousStat;

    public static ResourceSampler Machine(SiloHardware hardware, TimeProvider time) =>
        new(HostFiles.Machine, new Cgroup(HostFiles.Machine), hardware, time, () => Environment.CpuUsage.TotalTime, () => Environment.WorkingSet);

    public ResourceSample Sample()
    {
        var now = time.GetUtcNow();
        var elapsed = _previousAt == default ? TimeSpan.Zero : now - _previousAt;
        _previousAt = now;

        var processCpu = processCpuTime();
        var process = Percent((processCpu - _previousProcessCpu).TotalSeconds, elapsed.TotalSeconds * hardware.Cpu.UsableCores);
        _previousProcessCpu = processCpu;

        var (available, memoryPercent) = Memory();
        var (diskFree, diskPercent) = Disk();
        var (read, write) = DiskIo();
        var (received, sent) = Network();
        return new ResourceSample(now, process, MachineCpu(elapsed), workingSet(), available, memoryPercent, diskFree, diskPercent, read, write, received, sent);
    }

    /// <summary>/proc/stat's first line: "cpu user nice system idle iowait irq softirq steal ..." in clock ticks; busy is all but idle and iowait.</summary>
    public static (long Busy, long Total)? ParseStat(string? text)
    {
        var line = text?.Split('\n').FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        var fields = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(f => long.TryParse(f, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0).ToArray();
        if (fields is not { Length: >= 5 })
        {
            return null;
        }

        var total = fields.Sum();
        return (total - fields[3] - fields[4], total);
    }

    /// <summary>/proc/net/dev: received bytes are the first number after "iface:", sent the ninth; loopback is left out.</summary>
    public static (long Received, long Sent) ParseNetDev(string? text)
    {
        long received = 0;
        long sent = 0;
        foreach (var line in (text ?? string.Empty).Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon < 0 || line[..colon].Trim() == "lo")
            {
                continue;
            }

            var fields = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 9 && long.TryParse(fields[0], out var r) && long.TryParse(fields[8], out var s))
            {
                received += r;
                sent += s;
            }
        }

        return (received, sent);
    }

    /// <summary>/proc/self/io: "read_bytes: N" and "write_bytes: N", what the process made the block layer read and write.</summary>
    public static (long Read, long Write) ParseProcessIo(string? text)
    {
        var values = MemoryProbe.ParseMemInfo(text ?? string.Empty);
        return (values.GetValueOrDefault("read_bytes"), values.GetValueOrDefault("write_bytes"));
    }

    private static double Percent(double part, double whole) => whole > 0 ? Math.Clamp(100 * part / whole, 0, 100) : 0;

    private double MachineCpu(TimeSpan elapsed)
    {
        if (_cpuQuota is { } quota && cgroup.CpuUsage() is { } used)
        {
            var previous = _previousCgroupCpu;
            _previousCgroupCpu = used;
            return previous is null ? 0 : Percent((used - previous.Value).TotalSeconds, elapsed.TotalSeconds * quota);
        }

        var stat = ParseStat(files.Read("/proc/stat"));
        var before = _previousStat;
        _previousStat = stat;
        return stat is { } now && before is { } then ? Percent(now.Busy - then.Busy, now.Total - then.Total) : 0;
    }

    private (long Available, double Percent) Memory()
    {
        if (_memoryLimit is { } limit && cgroup.MemoryUsageBytes() is { } used)
        {
            return (Math.Max(0, limit - used), Percent(used, limit));
        }

        var meminfo = MemoryProbe.ParseMemInfo(files.Read("/proc/meminfo") ?? string.Empty);
        var total = meminfo.GetValueOrDefault("MemTotal", hardware.Memory.TotalBytes);
        var available = meminfo.GetValueOrDefault("MemAvailable", hardware.Memory.AvailableBytes);
        return (available, Percent(total - available, total));
    }

    private (long Free, double Percent) Disk()
    {
        try
        {
            var drive = new DriveInfo(hardware.Disk.Path);
            return (drive.AvailableFreeSpace, Percent(drive.TotalSize - drive.AvailableFreeSpace, drive.TotalSize));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return (hardware.Disk.FreeBytes, 0);
        }
    }

    private (long Read, long Write) DiskIo() => ParseProcessIo(files.Read("/proc/self/io"));

    private (long Received, long Sent) Network() => ParseNetDev(files.Read("/proc/net/dev"));
}
