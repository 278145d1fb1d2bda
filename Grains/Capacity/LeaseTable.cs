using System.Runtime.InteropServices;

namespace OrleansBots.Capacity;

/// <summary>
/// The exact count of running bots: one lease per bot, counted per user and in total. Admission checks and
/// updates happen in one synchronous call, so nothing can interleave between the check and the grant. It remembers
/// which bots' leases were granted or freed since the last <see cref="TakeChanges"/>, so that a durable write holds
/// only those (renewals change nothing that is stored).
/// </summary>
public sealed class LeaseTable(TimeSpan leaseDuration)
{
    private readonly Dictionary<string, Lease> _leases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _perUser = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);

    public int Count => _leases.Count;

    public int UserCount => _perUser.Count;

    public IEnumerable<Lease> Leases => _leases.Values;

    public int CountFor(string userId) => _perUser.GetValueOrDefault(userId);

    public bool Holds(string botId) => _leases.ContainsKey(botId);

    /// <summary>Grants a lease if both the platform and the user have room; a held lease is only extended.</summary>
    public Admission TryAcquire(string botId, string userId, PlatformLimits limits, int? userLimitOverride, DateTimeOffset now)
    {
        var userLimit = userLimitOverride ?? limits.MaxBotsPerUser;
        if (_leases.ContainsKey(botId))
        {
            Extend(botId, now);
            return Answer(AdmissionOutcome.AlreadyHeld, userId, limits, userLimit);
        }

        if (_leases.Count >= limits.MaxConcurrentBots)
        {
            return Answer(AdmissionOutcome.PlatformFull, userId, limits, userLimit);
        }

        if (CountFor(userId) >= userLimit)
        {
            return Answer(AdmissionOutcome.UserLimitReached, userId, limits, userLimit);
        }

        _leases[botId] = new Lease(botId, userId, now, now + leaseDuration);
        _perUser[userId] = CountFor(userId) + 1;
        _changed.Add(botId);
        return Answer(AdmissionOutcome.Granted, userId, limits, userLimit);
    }

    /// <summary>Extends a held lease; false when <paramref name="botId"/> holds none (nothing is granted then).</summary>
    public bool Renew(string botId, DateTimeOffset now)
    {
        if (!_leases.ContainsKey(botId))
        {
            return false;
        }

        Extend(botId, now);
        return true;
    }

    /// <summary>Puts back a lease known to have been granted (recovery from a snapshot); ignores limits.</summary>
    public void Restore(string botId, string userId, DateTimeOffset now)
    {
        if (_leases.ContainsKey(botId))
        {
            return;
        }

        _leases[botId] = new Lease(botId, userId, now, now + leaseDuration);
        _perUser[userId] = CountFor(userId) + 1;
    }

    public bool Release(string botId)
    {
        if (!_leases.Remove(botId, out var lease))
        {
            return false;
        }

        _changed.Add(botId);
        var left = CountFor(lease.UserId) - 1;
        if (left > 0)
        {
            _perUser[lease.UserId] = left;
        }
        else
        {
            _perUser.Remove(lease.UserId);
        }

        return true;
    }

    /// <summary>The lease of <paramref name="botId"/> is to be written again (e.g. it was restored from an older format).</summary>
    public void Changed(string botId) => _changed.Add(botId);

    /// <summary>The leases granted and freed since the last call, as they are now; forgets them.</summary>
    public LeaseBatch TakeChanges()
    {
        if (_changed.Count == 0)
        {
            return LeaseBatch.Empty;
        }

        var held = new List<LeaseRecord>();
        var freed = new List<string>();
        foreach (var botId in _changed)
        {
            if (_leases.TryGetValue(botId, out var lease))
            {
                held.Add(new LeaseRecord(botId, lease.UserId));
            }
            else
            {
                freed.Add(botId);
            }
        }

        _changed.Clear();
        return new LeaseBatch(held, freed);
    }

    /// <summary>A batch taken by <see cref="TakeChanges"/> was not written: its bots go into the next one.</summary>
    public void Requeue(LeaseBatch batch)
    {
        _changed.UnionWith(batch.Held.Select(l => l.BotId));
        _changed.UnionWith(batch.Freed);
    }

    /// <summary>Every held lease as stored; a full pass, for a store's compaction only.</summary>
    public IReadOnlyCollection<LeaseRecord> Records() => _leases.Values.Select(l => new LeaseRecord(l.BotId, l.UserId)).ToList();

    /// <summary>Removes and returns the leases that were not renewed in time, except those of <paramref name="spared"/> bots.</summary>
    public IReadOnlyList<Lease> RemoveExpired(DateTimeOffset now, IReadOnlySet<string>? spared = null)
    {
        var expired = _leases.Values.Where(lease => lease.ExpiresAt <= now && spared?.Contains(lease.BotId) != true).ToList();
        foreach (var lease in expired)
        {
            Release(lease.BotId);
        }

        return expired;
    }

    /// <summary>Leases whose last renewal is older than <paramref name="silence"/>: their bot may be gone.</summary>
    public IReadOnlyList<Lease> Silent(DateTimeOffset now, TimeSpan silence) =>
        _leases.Values.Where(lease => now - lease.RenewedAt >= silence).ToList();

    private void Extend(string botId, DateTimeOffset now)
    {
        ref var lease = ref CollectionsMarshal.GetValueRefOrNullRef(_leases, botId);
        lease = lease with { RenewedAt = now, ExpiresAt = now + leaseDuration };
    }

    private Admission Answer(AdmissionOutcome outcome, string userId, PlatformLimits limits, int userLimit) =>
        new(outcome, _leases.Count, limits.MaxConcurrentBots, CountFor(userId), userLimit);
}
