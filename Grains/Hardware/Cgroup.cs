using System.Globalization;

namespace OrleansBots.Hardware;

/// <summary>
/// The control group this process runs in (v2 unified, or v1 memory/cpu/cpuacct controllers): its memory and CPU
/// limits and its current use. Containers are limited here, not in /proc/meminfo or /proc/cpuinfo.
/// </summary>
public sealed class Cgroup
{
    // v1 writes "no limit" as a huge page-aligned number (9223372036854771712); anything this large is no limit.
    private const long NoLimitAbove = 1L << 60;

    private readonly HostFiles _files;
    private readonly string? _unified;
    private readonly string? _memory;
    private readonly string? _cpu;
    private readonly string? _cpuacct;

    public Cgroup(HostFiles files)
    {
        _files = files;
        var membership = ParseMembership(files.Read("/proc/self/cgroup") ?? string.Empty);
        if (files.Exists("/sys/fs/cgroup/cgroup.controllers"))
        {
            Version = 2;
            _unified = Folder("/sys/fs/cgroup", membership.GetValueOrDefault(string.Empty), "memory.max");
        }
        else if (files.Exists("/sys/fs/cgroup/memory") || files.Exists("/sys/fs/cgroup/cpu"))
        {
            Version = 1;
            _memory = Folder("/sys/fs/cgroup/memory", membership.GetValueOrDefault("memory"), "memory.limit_in_bytes");
            _cpu = Folder("/sys/fs/cgroup/cpu", membership.GetValueOrDefault("cpu"), "cpu.cfs_quota_us");
            _cpuacct = Folder("/sys/fs/cgroup/cpuacct", membership.GetValueOrDefault("cpuacct"), "cpuacct.usage");
        }
    }

    /// <summary>1 or 2; 0 when there is no cgroup file system (not Linux, or not mounted).</summary>
    public int Version { get; }

    /// <summary>The memory limit in bytes, null when there is none.</summary>
    public long? MemoryLimitBytes() => Version switch
    {
        2 => ParseMemoryLimit(_files.ReadLine($"{_unified}/memory.max")),
        1 => ParseMemoryLimit(_files.ReadLine($"{_memory}/memory.limit_in_bytes")),
        _ => null,
    };

    /// <summary>The memory the group uses now (page cache included, as the limit counts it), null when unknown.</summary>
    public long? MemoryUsageBytes() => ParseLong(Version switch
    {
        2 => _files.ReadLine($"{_unified}/memory.current"),
        1 => _files.ReadLine($"{_memory}/memory.usage_in_bytes"),
        _ => null,
    });

    /// <summary>The CPU quota in cores (quota / period), null when there is none.</summary>
    public double? CpuLimitCores() => Version switch
    {
        2 => ParseCpuMax(_files.ReadLine($"{_unified}/cpu.max")),
        1 => ParseCfsQuota(_files.ReadLine($"{_cpu}/cpu.cfs_quota_us"), _files.ReadLine($"{_cpu}/cpu.cfs_period_us")),
        _ => null,
    };

    /// <summary>CPU time the group has used since it started, null when unknown.</summary>
    public TimeSpan? CpuUsage()
    {
        if (Version == 2)
        {
            var stat = _files.Read($"{_unified}/cpu.stat") ?? string.Empty;
            var line = stat.Split('\n').FirstOrDefault(l => l.StartsWith("usage_usec ", StringComparison.Ordinal));
            return ParseLong(line?["usage_usec ".Length..]) is { } micros ? TimeSpan.FromMicroseconds(micros) : null;
        }

        return Version == 1 && ParseLong(_files.ReadLine($"{_cpuacct}/cpuacct.usage")) is { } nanos
            ? TimeSpan.FromTicks(nanos / 100)
            : null;
    }

    /// <summary><c>memory.max</c> or <c>memory.limit_in_bytes</c>: bytes, or "max" / a huge number for no limit.</summary>
    public static long? ParseMemoryLimit(string? text) =>
        ParseLong(text) is { } bytes && bytes is > 0 and < NoLimitAbove ? bytes : null;

    /// <summary><c>cpu.max</c>: "QUOTA PERIOD" in microseconds, QUOTA "max" for no limit.</summary>
    public static double? ParseCpuMax(string? text)
    {
        var parts = text?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return parts.Length >= 1 ? ParseCfsQuota(parts[0], parts.Length > 1 ? parts[1] : "100000") : null;
    }

    /// <summary><c>cpu.cfs_quota_us</c> (-1 for no limit) over <c>cpu.cfs_period_us</c>.</summary>
    public static double? ParseCfsQuota(string? quota, string? period) =>
        ParseLong(quota) is { } q && q > 0 && ParseLong(period) is { } p && p > 0 ? (double)q / p : null;

    /// <summary>/proc/self/cgroup: "ID:CONTROLLERS:PATH" lines; v2 has one line with no controllers (key "").</summary>
    public static Dictionary<string, string> ParseMembership(string text)
    {
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Trim().Split(':', 3);
            if (parts.Length != 3)
            {
                continue;
            }

            foreach (var controller in parts[1].Split(','))
            {
                paths.TryAdd(controller, parts[2]);
            }
        }

        return paths;
    }

    private static long? ParseLong(string? text) =>
        long.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>
    /// The group's own folder when it is visible (a host process in a nested group), else the mount's root
    /// (inside a container the group is mounted at the root and /proc/self/cgroup names the host's path).
    /// </summary>
    private string Folder(string mount, string? path, string probeFile)
    {
        var nested = path is { Length: > 1 } ? mount + path.TrimEnd('/') : mount;
        return _files.Exists($"{nested}/{probeFile}") ? nested : mount;
    }
}
