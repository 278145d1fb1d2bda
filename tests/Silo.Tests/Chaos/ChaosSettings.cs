namespace OrleansBots.Silo.Tests.Chaos;

/// <summary>
/// The size of a chaos run. The CI variant is small and scripted; scripts/chaos.sh sets OB_CHAOS_* for the long
/// one (random events until the duration is over).
/// </summary>
public sealed record ChaosSettings(int Silos, int Bots, TimeSpan Duration, TimeSpan PollPeriod, bool Long, string? ReportFile, double GoalFactor = 1)
{
    /// <summary>
    /// The CI variant judges back times against three times the goals: the machines that run the suite here are
    /// shared (load 76–99 measured) and slow every step of a failover alike. Its report marks each event against the
    /// goals themselves; the long run (OB_CHAOS_GOAL_FACTOR, default 1) asserts them.
    /// </summary>
    public static ChaosSettings Ci => new(3, 30, TimeSpan.Zero, TimeSpan.FromSeconds(0.5), Long: false, ReportFile: null, GoalFactor: 3);

    /// <summary>The CI variant unless OB_CHAOS_MINUTES asks for a long run.</summary>
    public static ChaosSettings FromEnvironment()
    {
        if (Environment.GetEnvironmentVariable("OB_CHAOS_MINUTES") is not { Length: > 0 } minutes)
        {
            return Ci with { ReportFile = Environment.GetEnvironmentVariable("OB_CHAOS_REPORT"), GoalFactor = ReadFactor(3) };
        }

        return new ChaosSettings(
            Read("OB_CHAOS_SILOS", 3),
            Read("OB_CHAOS_BOTS", 300),
            TimeSpan.FromMinutes(double.Parse(minutes, System.Globalization.CultureInfo.InvariantCulture)),
            TimeSpan.FromSeconds(Read("OB_CHAOS_POLL_MS", 1000) / 1000.0),
            Long: true,
            Environment.GetEnvironmentVariable("OB_CHAOS_REPORT"),
            ReadFactor(1));
    }

    private static double ReadFactor(double fallback) =>
        Environment.GetEnvironmentVariable("OB_CHAOS_GOAL_FACTOR") is { Length: > 0 } value ? double.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : fallback;

    private static int Read(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : fallback;
}
