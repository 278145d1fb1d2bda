namespace OrleansBots.Silo.Tests.Chaos;

/// <summary>
/// The size of a chaos run. The CI variant is small and scripted; scripts/chaos.sh sets OB_CHAOS_* for the long
/// one (random events until the duration is over).
/// </summary>
public sealed record ChaosSettings(int Silos, int Bots, TimeSpan Duration, TimeSpan PollPeriod, bool Long, string? ReportFile)
{
    public static ChaosSettings Ci => new(3, 30, TimeSpan.Zero, TimeSpan.FromSeconds(0.5), Long: false, ReportFile: null);

    /// <summary>The CI variant unless OB_CHAOS_MINUTES asks for a long run.</summary>
    public static ChaosSettings FromEnvironment()
    {
        if (Environment.GetEnvironmentVariable("OB_CHAOS_MINUTES") is not { Length: > 0 } minutes)
        {
            return Ci with { ReportFile = Environment.GetEnvironmentVariable("OB_CHAOS_REPORT") };
        }

        return new ChaosSettings(
            Read("OB_CHAOS_SILOS", 3),
            Read("OB_CHAOS_BOTS", 300),
            TimeSpan.FromMinutes(double.Parse(minutes, System.Globalization.CultureInfo.InvariantCulture)),
            TimeSpan.FromSeconds(Read("OB_CHAOS_POLL_MS", 1000) / 1000.0),
            Long: true,
            Environment.GetEnvironmentVariable("OB_CHAOS_REPORT"));
    }

    private static int Read(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : fallback;
}
