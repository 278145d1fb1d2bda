using System.Text.Json;

namespace OrleansBots.Silo.Tests.Hosting;

/// <summary>The GC settings the silo's build gives its process (docs/HARDWARE.md, "The GC mode").</summary>
public sealed class GarbageCollectorSettingsTests
{
    [Fact]
    public void TheSiloRunsTheConcurrentWorkstationGcWithAThreeMegabyteGen0Budget()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "OrleansBots.Silo.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.True(properties.GetProperty("System.GC.Concurrent").GetBoolean());
        Assert.Equal(3L * 1024 * 1024, properties.GetProperty("System.GC.Gen0MaxBudget").GetInt64());
    }
}
