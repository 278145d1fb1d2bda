using System.Globalization;

namespace OrleansBots.Hardware;

/// <summary>Memory from /proc/meminfo, the cgroup and the GC (the GC's figure alone where /proc is missing).</summary>
public static class MemoryProbe
{
    public static MemoryInfo Read(HostFiles files, Cgroup cgroup, long gcAvailableBytes)
    {
        var meminfo = ParseMemInfo(files.Read("/proc/meminfo") ?? string.Empty);
        var total = meminfo.GetValueOrDefault("MemTotal", gcAvailableBytes);
        var available = meminfo.TryGetValue("MemAvailable", out var reported) ? reported : meminfo.GetValueOrDefault("MemFree", total);
        return new MemoryInfo(total, available, cgroup.MemoryLimitBytes(), gcAvailableBytes);
    }

    /// <summary>/proc/meminfo in bytes ("MemTotal:  24684084 kB" is 24684084 × 1024).</summary>
    public static Dictionary<string, long> ParseMemInfo(string text)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon < 0)
            {
                continue;
            }

            var parts = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length > 0 && long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            {
                values[line[..colon].Trim()] = parts.Length > 1 && parts[1] == "kB" ? number * 1024 : number;
            }
        }

        return values;
    }
}
