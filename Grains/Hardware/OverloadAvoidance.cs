namespace OrleansBots.Hardware;

/// <summary>
/// Picks a silo for a new activation: at random among the silos under both limits (or whose load is not known,
/// e.g. one that just joined); when every silo is over a limit, the least loaded one, measured against its limits.
/// </summary>
public static class OverloadAvoidance
{
    public static T Choose<T>(IReadOnlyList<T> candidates, Func<T, SiloLoadSample?> loadOf, double cpuLimit, double memoryLimit, Random random)
    {
        if (candidates.Count == 0)
        {
            throw new ArgumentException("There is no silo to place on", nameof(candidates));
        }

        var loads = candidates.Select(silo => (Silo: silo, Load: loadOf(silo))).ToList();
        var fit = loads.Where(c => c.Load is null || (c.Load.CpuPercent <= cpuLimit && c.Load.MemoryPercent <= memoryLimit)).ToList();
        if (fit.Count > 0)
        {
            return fit[random.Next(fit.Count)].Silo;
        }

        return loads.MinBy(c => Math.Max(c.Load!.CpuPercent / cpuLimit, c.Load.MemoryPercent / memoryLimit)).Silo;
    }
}
