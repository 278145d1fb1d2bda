using OrleansBots.Tests;

namespace OrleansBots.Silo.Tests.Infrastructure;

/// <summary>The HTTP, silo-to-silo and gateway ports of one silo process.</summary>
public sealed record SiloPorts(int Http, int Silo, int Gateway)
{
    public static SiloPorts Free() => new(LoopbackPorts.Next(), LoopbackPorts.Next(), LoopbackPorts.Next());
}
