namespace OrleansBots.Cache;

/// <summary>Whether this silo's process is short of memory, so caches should shed.</summary>
public interface IMemoryPressure
{
    bool IsUnderPressure { get; }
}
