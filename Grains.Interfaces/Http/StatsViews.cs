namespace OrleansBots.Http;

public sealed record AlertView(DateTimeOffset At, int ThresholdPercent, int CurrentBots, int MaxBots, string Message);

public sealed record StatsResponse(
    bool Success,
    CapacityView Capacity,
    LimitsView Limits,
    int Users,
    int UsersWithRunningBots,
    IReadOnlyDictionary<string, int> Bots,
    int TradesToday,
    long ZombieLeasesFreed,
    string CapacityHost,
    IReadOnlyList<SiloView> Silos,
    IReadOnlyList<AlertView> Alerts);
