namespace OrleansBots.Cache;

/// <summary>
/// Memory pressure as the GC sees it: its memory load (which follows the container's limit when there is one)
/// against the memory the process may use, over <see cref="CacheOptions.MemoryPressureThreshold"/>.
/// </summary>
public sealed class GcMemoryPressure(IOptions<CacheOptions> options) : IMemoryPressure
{
    public bool IsUnderPressure
    {
        get
        {
            var info = GC.GetGCMemoryInfo();
            return info.TotalAvailableMemoryBytes > 0
                && (double)info.MemoryLoadBytes / info.TotalAvailableMemoryBytes > options.Value.MemoryPressureThreshold;
        }
    }
}
