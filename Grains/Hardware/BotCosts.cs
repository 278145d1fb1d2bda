namespace OrleansBots.Hardware;

/// <summary>
/// What one running trading bot costs its silo: memory, CPU per tick at its tick interval, and the silo's own
/// footprint before any bot runs.
/// </summary>
public sealed record BotCosts(long BytesPerBot, double CpuSecondsPerTick, long SiloBaselineBytes, double TickSeconds)
{
    /// <summary>
    /// Memory from the <c>density</c> benchmark (a real silo driven through the HTTP API, docs/BENCHMARKS.md section 7):
    /// 26–36 KB of resident memory per running bot at 10 000–20 000 bots, rounded up to 40 KiB (the heap alone,
    /// <c>botfootprint</c>, is 7.4–9.5 KB: the rest is the GC's headroom and the runtime's pools at that scale);
    /// CPU: the silo's whole CPU divided by the ticks it did was 36–47 µs at 50 000–100 000 bots (docs/BENCHMARKS.md
    /// section 7, issue 10 round 4), so 70 µs keeps 1.5× for bursts of trades; an idle silo process holds about 210 MB,
    /// rounded up to 256 MiB. Ticks are at the default 5 s interval.
    /// </summary>
    public static BotCosts Measured { get; } = new(BytesPerBot: 40 * 1024, CpuSecondsPerTick: 70e-6, SiloBaselineBytes: 256L << 20, TickSeconds: Bots.BotDefinition.DefaultTickSeconds);
}
