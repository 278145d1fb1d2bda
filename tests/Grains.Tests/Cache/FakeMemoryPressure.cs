using OrleansBots.Cache;
using OrleansBots.Tests.Quotas;

namespace OrleansBots.Tests.Cache;

/// <summary>Memory pressure a test turns on and off, for the shards of the shared test cluster.</summary>
public sealed class FakeMemoryPressure : IMemoryPressure
{
    public static FakeMemoryPressure Instance { get; } = new();

    public bool IsUnderPressure { get; set; }
}
