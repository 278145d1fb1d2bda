namespace OrleansBots.Capacity;

/// <summary>What one sweep found: the leases it freed, the bots to call now, the lost bots no longer called.</summary>
public sealed record SweepResult(IReadOnlyList<Lease> Expired, IReadOnlyList<string> ToPing, IReadOnlyList<string> GivenUp)
{
    public static readonly SweepResult Nothing = new([], [], []);
}
