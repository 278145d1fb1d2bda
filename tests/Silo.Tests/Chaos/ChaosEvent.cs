namespace OrleansBots.Silo.Tests.Chaos;

public enum ChaosKind
{
    Kill,
    Freeze,
    Terminate,
    RedisRestart,
    PostgresRestart,
}

/// <summary>What the harness did, to which silo, when, and how soon every running bot must tick again.</summary>
public sealed record ChaosEvent(ChaosKind Kind, string Target, bool CapacityHost, DateTimeOffset At, TimeSpan Goal)
{
    /// <summary>The goals: kill -9 10 s, a freeze 15 s, SIGTERM 2 s; a store restart as a kill.</summary>
    public static TimeSpan GoalOf(ChaosKind kind) => kind switch
    {
        ChaosKind.Kill => TimeSpan.FromSeconds(10),
        ChaosKind.Freeze => TimeSpan.FromSeconds(15),
        ChaosKind.Terminate => TimeSpan.FromSeconds(2),
        _ => TimeSpan.FromSeconds(10),
    };
}
