using System.Globalization;
using System.Runtime.InteropServices;

namespace OrleansBots.Hardware;

/// <summary>
/// The processor: logical cores as the runtime schedules on them (<see cref="Environment.ProcessorCount"/>),
/// physical cores, model and frequency from /proc/cpuinfo, the container's CPU quota from the cgroup.
/// </summary>
public static class CpuProbe
{
    public static CpuInfo Read(HostFiles files, Cgroup cgroup, int processorCount, Architecture architecture)
    {
        var processors = ParseCpuInfo(files.Read("/proc/cpuinfo") ?? string.Empty);
        var logical = processorCount > 0 ? processorCount : Math.Max(1, processors.Count);
        var cores = processors
            .Where(p => p.ContainsKey("physical id") && p.ContainsKey("core id"))
            .Select(p => (p["physical id"], p["core id"]))
            .Distinct()
            .Count();
        var physical = cores > 0 ? Math.Min(cores, logical) : logical;
        var first = processors.FirstOrDefault() ?? [];
        var model = first.GetValueOrDefault("model name") ?? first.GetValueOrDefault("Model") ?? first.GetValueOrDefault("Hardware") ?? "unknown";
        double? mhz = double.TryParse(first.GetValueOrDefault("cpu MHz"), NumberStyles.Float, CultureInfo.InvariantCulture, out var fromCpuInfo)
            ? Math.Round(fromCpuInfo, 1)
            : long.TryParse(files.ReadLine("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq"), out var kilohertz) ? kilohertz / 1000.0 : null;
        return new CpuInfo(logical, physical, model, mhz, architecture.ToString().ToLowerInvariant(), cgroup.CpuLimitCores());
    }

    /// <summary>/proc/cpuinfo: one block of "key : value" lines per logical processor, blocks separated by a blank line.</summary>
    public static IReadOnlyList<Dictionary<string, string>> ParseCpuInfo(string text)
    {
        var processors = new List<Dictionary<string, string>>();
        Dictionary<string, string>? current = null;
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon < 0)
            {
                current = null;
                continue;
            }

            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (key == "processor" || current is null)
            {
                current = new Dictionary<string, string>(StringComparer.Ordinal);
                processors.Add(current);
            }

            current.TryAdd(key, value);
        }

        // ARM lists model and hardware in a trailing block without "processor".
        var processorBlocks = processors.Where(p => p.ContainsKey("processor")).ToList();
        foreach (var trailer in processors.Where(p => !p.ContainsKey("processor")))
        {
            foreach (var block in processorBlocks)
            {
                foreach (var (key, value) in trailer)
                {
                    block.TryAdd(key, value);
                }
            }
        }

        return processorBlocks.Count > 0 ? processorBlocks : processors;
    }
}
