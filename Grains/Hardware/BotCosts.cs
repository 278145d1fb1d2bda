namespace OrleansBots.Hardware;

/// <summary>
/// What one running trading bot costs its silo: memory, CPU per tick at its tick interval, and the silo's own
/// footprint before any bot runs. <see cref="Measured"/> comes from <c>bench/Benchmarks botfootprint</c>
/// (docs/BENCHMARKS.md, docs/HARDWARE.md).
/// </summary>
public sealed record BotCosts(long BytesPerBot, double CpuSecondsPerTick, long SiloBaselineBytes, double TickSeconds)
{
    public static BotCosts Measured { get; } = new(BytesPerBot: 32 * 1024, CpuSecondsPerTick: 60e-6, SiloBaselineBytes: 256L << 20, TickSeconds: Bots.BotDefinition.DefaultTickSeconds);
}
