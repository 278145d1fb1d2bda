using OrleansBots.Users;

namespace OrleansBots.Quotas;

/// <summary>
/// Cooldowns and sliding hourly quotas per key, in a fixed 24 bytes per key (plus the key string and the table's
/// free slots), whatever the quota. The cooldown is exact: the key's last allowed action is kept to the tick.
/// The hourly quota is a sliding-window counter: each key counts its allowed actions in its current hour-long
/// window and in the one before, and estimates its last sliding hour as
/// <c>previous × (share of the previous window still inside the hour) + current</c>. An action is allowed while
/// that estimate is below the quota. In a key's first hour (or after an hour without actions) the count is exact;
/// when actions are spread evenly it is exact too; in the worst case (one window's actions all at its very end, then
/// a burst late in the next) at most twice the quota pass in one sliding hour, and at worst an action is refused
/// until the next window opens when an exact count would have let it pass earlier. docs/CACHE.md has the details.
/// <para>
/// Keys live in an open-addressing table of structs (linear probing, no object per key). Idle keys (last allowed
/// action older than the maximum idle time, and both windows over) carry no limit any more and are removed by a cursor that walks the
/// table a bounded number of slots at a time: each <see cref="TryAct"/> on the side, and <see cref="RemoveIdle"/>
/// as far as it is asked to, so no call pauses for a time that grows with the number of keys (only growing or
/// shrinking the table, which doubles or halves it, passes over every key, as a <see cref="Dictionary{K,V}"/> does).
/// Not thread-safe: use it from one grain's turns.
/// </para>
/// </summary>
public sealed class CooldownBook(TimeSpan maxIdleTime, int idlePerAction, TimeProvider time)
{
    /// <summary>Slots a removal step may look at per key it is allowed to remove: it finds idle keys among busy ones without walking far.</summary>
    public const int SlotsLookedAtPerRemoval = 4;

    private const int MinCapacity = 16;
    private static readonly long WindowTicks = CooldownRule.Window.Ticks;

    // Window starts are whole seconds since this epoch, so they fit an int until 2088.
    private static readonly long EpochTicks = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private readonly long _maxIdleTicks = maxIdleTime.Ticks;
    private Slot[] _slots = new Slot[MinCapacity];
    private int _count;
    private int _cursor;

    public int Count => _count;

    /// <summary>
    /// Records an action of <paramref name="key"/> if <paramref name="rule"/> allows it now. When both the
    /// cooldown and the quota refuse, the answer names the one that lasts longer.
    /// </summary>
    public CooldownAnswer TryAct(string key, CooldownRule rule)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(rule);
        var now = time.GetUtcNow().UtcTicks;
        RemoveIdle(now, idlePerAction);

        var index = Find(key);
        if (index < 0)
        {
            // A key's first action is always allowed.
            index = Insert(key, now);
        }

        return Act(ref _slots[index], rule, now);
    }

    /// <summary>Removes at most <paramref name="max"/> keys idle longer than the maximum idle time; returns how many.</summary>
    public int RemoveIdle(int max) => RemoveIdle(time.GetUtcNow().UtcTicks, max);

    private int RemoveIdle(long now, int max)
    {
        var removed = 0;
        var budget = (long)max * SlotsLookedAtPerRemoval;
        for (var looked = 0L; looked < budget && removed < max && _count > 0; looked++)
        {
            _cursor &= _slots.Length - 1;
            ref var slot = ref _slots[_cursor];
            if (slot.Key is not null && IsIdle(slot, now))
            {
                // The backward shift may move a later key into this slot: look at the same slot again.
                RemoveAt(_cursor);
                removed++;
            }
            else
            {
                _cursor++;
            }
        }

        if (removed > 0 && _slots.Length > MinCapacity && _count * 8 < _slots.Length)
        {
            Resize(_slots.Length / 2);
        }

        return removed;
    }

    /// <summary>
    /// The key can refuse nothing any more: its last allowed action is older than the maximum idle time (at least
    /// every cooldown) and both of its windows are over, so forgetting it never lifts a limit.
    /// </summary>
    private bool IsIdle(in Slot slot, long now) => now - slot.LastAction > _maxIdleTicks && now - StartTicks(slot) >= 2 * WindowTicks;

    private static CooldownAnswer Act(ref Slot slot, CooldownRule rule, long now)
    {
        var quota = Math.Max(0, rule.HourlyQuota);
        Roll(ref slot, now);
        var used = Estimate(slot, now);
        var cooldownLeft = slot.LastAction == long.MinValue ? 0 : Math.Max(0, slot.LastAction + rule.Cooldown.Ticks - now);
        var quotaLeft = quota > 0 && used >= quota ? QuotaWait(slot, quota, now) : 0;
        if (cooldownLeft > 0 || quotaLeft > 0)
        {
            var limit = quotaLeft >= cooldownLeft ? CooldownLimit.HourlyQuota : CooldownLimit.Cooldown;
            return new CooldownAnswer(false, limit, TimeSpan.FromTicks(Math.Max(cooldownLeft, quotaLeft)), Whole(used), quota);
        }

        slot.LastAction = now;
        slot.Current = (ushort)Math.Min(ushort.MaxValue, slot.Current + 1);
        var after = Whole(used + 1);
        return new CooldownAnswer(true, CooldownLimit.None, TimeSpan.Zero, quota > 0 ? Math.Min(after, quota) : after, quota);
    }

    /// <summary>Moves the key's windows up to <paramref name="now"/>: one window on, the current becomes the previous; further, both are empty and a new window starts now.</summary>
    private static void Roll(ref Slot slot, long now)
    {
        var start = StartTicks(slot);
        if (now < start + WindowTicks)
        {
            return;
        }

        if (now < start + (2 * WindowTicks))
        {
            slot.Previous = slot.Current;
            slot.WindowStart += (int)(WindowTicks / TimeSpan.TicksPerSecond);
        }
        else
        {
            slot.Previous = 0;
            slot.WindowStart = SecondsOf(now);
        }

        slot.Current = 0;
    }

    /// <summary>The estimated allowed actions of the last sliding hour: the previous window weighted by the part of it still inside the hour.</summary>
    private static double Estimate(in Slot slot, long now)
    {
        var inside = 1 - ((now - StartTicks(slot)) / (double)WindowTicks);
        return (slot.Previous * inside) + slot.Current;
    }

    /// <summary>Ticks until the estimate falls below the quota: later in this window as the previous one fades, or in the next as this one does.</summary>
    private static long QuotaWait(in Slot slot, int quota, long now)
    {
        var start = StartTicks(slot);
        long at;
        if (slot.Current < quota && slot.Previous > 0)
        {
            // previous × (1 - (t - start) / window) + current < quota
            at = start + (long)Math.Floor(WindowTicks * (1 - ((quota - slot.Current) / (double)slot.Previous))) + 1;
        }
        else
        {
            // In the next window: current × (1 - (t - next) / window) < quota
            at = start + WindowTicks + (long)Math.Floor(WindowTicks * Math.Max(0, 1 - (quota / (double)slot.Current))) + 1;
        }

        return Math.Max(1, at - now);
    }

    private static int Whole(double used) => (int)Math.Ceiling(used - 1e-9);

    private static long StartTicks(in Slot slot) => EpochTicks + (slot.WindowStart * TimeSpan.TicksPerSecond);

    private static int SecondsOf(long ticks) => (int)((ticks - EpochTicks) / TimeSpan.TicksPerSecond);

    private int Find(string key)
    {
        var mask = _slots.Length - 1;
        for (var i = Home(key, mask); _slots[i].Key is { } held; i = (i + 1) & mask)
        {
            if (string.Equals(held, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private int Insert(string key, long now)
    {
        // At most three quarters full, so probes stay short.
        if ((_count + 1) * 4 > _slots.Length * 3)
        {
            Resize(_slots.Length * 2);
        }

        var index = FreeSlotFor(_slots, key);
        _slots[index] = new Slot { Key = key, LastAction = long.MinValue, WindowStart = SecondsOf(now) };
        _count++;
        return index;
    }

    /// <summary>Empties slot <paramref name="index"/> and shifts back the keys after it that probed past it, so every key stays reachable from its home slot.</summary>
    private void RemoveAt(int index)
    {
        var mask = _slots.Length - 1;
        var hole = index;
        for (var next = (hole + 1) & mask; _slots[next].Key is { } key; next = (next + 1) & mask)
        {
            var home = Home(key, mask);
            var stays = hole <= next ? hole < home && home <= next : hole < home || home <= next;
            if (!stays)
            {
                _slots[hole] = _slots[next];
                hole = next;
            }
        }

        _slots[hole] = default;
        _count--;
    }

    private void Resize(int capacity)
    {
        var slots = new Slot[Math.Max(MinCapacity, capacity)];
        foreach (var slot in _slots)
        {
            if (slot.Key is not null)
            {
                slots[FreeSlotFor(slots, slot.Key)] = slot;
            }
        }

        _slots = slots;
        _cursor = 0;
    }

    private static int FreeSlotFor(Slot[] slots, string key)
    {
        var mask = slots.Length - 1;
        var i = Home(key, mask);
        while (slots[i].Key is not null)
        {
            i = (i + 1) & mask;
        }

        return i;
    }

    private static int Home(string key, int mask) => key.GetHashCode() & mask;

    /// <summary>One key: 24 bytes, no object of its own besides the key string.</summary>
    private struct Slot
    {
        public string? Key;

        /// <summary>Ticks of the last allowed action; <see cref="long.MinValue"/> before the first.</summary>
        public long LastAction;

        /// <summary>Start of the key's current hour-long window, in seconds since 2020.</summary>
        public int WindowStart;

        /// <summary>Allowed actions in the window before the current one.</summary>
        public ushort Previous;

        /// <summary>Allowed actions in the current window.</summary>
        public ushort Current;
    }
}
