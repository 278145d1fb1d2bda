using System.Runtime;
using OrleansBots.Silo.Hosting;

namespace OrleansBots.Silo.Tests.Hosting;

public sealed class HardwareStartupTests
{
    [Theory]
    [InlineData(false, GCLatencyMode.Interactive, "Garbage collector: workstation, concurrent (DOTNET_gcServer=1 switches to the server GC; docs/HARDWARE.md)")]
    [InlineData(true, GCLatencyMode.Interactive, "Garbage collector: server, concurrent (DOTNET_gcServer=0 switches to the workstation GC; docs/HARDWARE.md)")]
    [InlineData(false, GCLatencyMode.Batch, "Garbage collector: workstation, not concurrent (DOTNET_gcServer=1 switches to the server GC; docs/HARDWARE.md)")]
    public void TheStartLogNamesTheGarbageCollectorAndHowToSwitchIt(bool server, GCLatencyMode mode, string expected)
    {
        Assert.Equal(expected, HardwareStartup.DescribeGarbageCollector(server, mode));
    }
}
