namespace OrleansBots.Silo.Tests.Security;

/// <summary>
/// What the fuzzer aims at: the bots of its two tenants (learned as they are created), and users the admin
/// operations may rotate, disable or delete without ending the run. Shared by concurrent senders.
/// </summary>
public sealed class FuzzTargets(IReadOnlyList<string> sacrificialUserIds)
{
    private readonly Dictionary<FuzzCaller, List<string>> _bots = new() { [FuzzCaller.Owner] = [], [FuzzCaller.OtherTenant] = [] };

    public IReadOnlyList<string> SacrificialUserIds => sacrificialUserIds;

    public void AddBot(FuzzCaller tenant, string botId)
    {
        lock (_bots)
        {
            _bots[tenant].Add(botId);
        }
    }

    public IReadOnlyList<string> BotsOf(FuzzCaller tenant)
    {
        lock (_bots)
        {
            return _bots.TryGetValue(tenant, out var bots) ? [.. bots] : [];
        }
    }

    /// <summary>The tenant whose bots <paramref name="caller"/> must never reach; none for callers that are no tenant.</summary>
    public static FuzzCaller? OtherTenantOf(FuzzCaller caller) => caller switch
    {
        FuzzCaller.Owner => FuzzCaller.OtherTenant,
        FuzzCaller.OtherTenant => FuzzCaller.Owner,
        _ => null,
    };
}
