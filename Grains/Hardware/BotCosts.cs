namespace OrleansBots.Hardware;

/// <summary>
/// What one running trading bot costs its silo: memory, CPU per tick at its tick interval, and the silo's own
/// footprint before any bot runs.
/// </summary>
public sealed record BotCosts(long BytesPerBot, double CpuSecondsPerTick, long SiloBaselineBytes, double TickSeconds)
{
    /// <summary>
    /// From <c>bench/Benchmarks botfootprint</c> on 2 cores (bench/results/botfootprint.txt; docs/HARDWARE.md):
    /// 8.6–9.5 KB of managed heap and 13–25 KB of working set per running bot at 5 000–10 000 bots, rounded up to
    /// 32 KiB for GC headroom; 30–91 µs of process CPU per tick on a shared, busy machine, rounded up to 100 µs;
    /// an idle silo process holds about 210 MB, rounded up to 256 MiB. Ticks are at the default 5 s interval.
    /// </summary>
    public static BotCosts Measured { get; } = new(BytesPerBot: 32 * 1024, CpuSecondsPerTick: 100e-6, SiloBaselineBytes: 256L << 20, TickSeconds: Bots.BotDefinition.DefaultTickSeconds);
}
