namespace OrleansBots.Hardware;

/// <summary>
/// What one running trading bot costs its silo: memory, CPU per tick at its tick interval, and the silo's own
/// footprint before any bot runs.
/// </summary>
public sealed record BotCosts(long BytesPerBot, double CpuSecondsPerTick, long SiloBaselineBytes, double TickSeconds)
{
    /// <summary>
    /// Memory from the <c>density</c> benchmark (a real silo driven through the HTTP API, docs/BENCHMARKS.md section 7,
    /// issue 10 round 6): 14–19 KB of resident memory per running bot from 10 000 to 100 000 bots with the silo's
    /// workstation GC, 24–28 KB with the server GC; 32 KiB covers either. CPU: the silo's whole CPU divided by the
    /// ticks it did was 21–42 µs from 20 000 to 100 000 bots, so 70 µs keeps 1.7× for bursts of trades; an idle silo
    /// process holds about 210 MB, rounded up to 256 MiB. Ticks are at the default 5 s interval.
    /// </summary>
    public static BotCosts Measured { get; } = new(BytesPerBot: 32 * 1024, CpuSecondsPerTick: 70e-6, SiloBaselineBytes: 256L << 20, TickSeconds: Bots.BotDefinition.DefaultTickSeconds);
}
