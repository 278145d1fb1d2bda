using OrleansBots.Users;

namespace OrleansBots.Quotas;

/// <summary>
/// Cooldowns and sliding hourly quotas per key. Each key keeps the times of its allowed actions of the last
/// hour in a small ring of tick counts that grows on demand up to the quota, so a key that acts rarely costs
/// a few dozen bytes. Keys are also linked oldest-action-first; a key whose last action is older than the
/// maximum idle time carries no limit any more and is removed: each <see cref="TryAct"/> removes at most a
/// few such keys on the side and <see cref="RemoveIdle"/> at most as many as it is asked to, so no call
/// pauses for a time that grows with the number of keys. Not thread-safe: use it from one grain's turns.
/// </summary>
public sealed class CooldownBook(TimeSpan maxIdleTime, int idlePerAction, TimeProvider time)
{
    private const int FirstRingSize = 2;

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly long _maxIdleTicks = maxIdleTime.Ticks;
    private Entry? _oldest;
    private Entry? _newest;

    public int Count => _entries.Count;

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

        if (!_entries.TryGetValue(key, out var entry))
        {
            // A key's first action is always allowed.
            entry = new Entry(key);
            _entries.Add(key, entry);
            var first = entry.TryAct(rule, now);
            Append(entry);
            return first;
        }

        var answer = entry.TryAct(rule, now);
        if (answer.Allowed)
        {
            Unlink(entry);
            Append(entry);
        }

        return answer;
    }

    /// <summary>Removes at most <paramref name="max"/> keys idle longer than the maximum idle time; returns how many.</summary>
    public int RemoveIdle(int max) => RemoveIdle(time.GetUtcNow().UtcTicks, max);

    private int RemoveIdle(long now, int max)
    {
        var removed = 0;
        while (removed < max && _oldest is { } oldest && now - oldest.LastAction > _maxIdleTicks)
        {
            Unlink(oldest);
            _entries.Remove(oldest.Key);
            removed++;
        }

        return removed;
    }

    /// <summary>Puts the entry at the newest end; entries are appended when they act, so the list stays in action order.</summary>
    private void Append(Entry entry)
    {
        entry.Older = _newest;
        entry.Newer = null;
        if (_newest is null)
        {
            _oldest = entry;
        }
        else
        {
            _newest.Newer = entry;
        }

        _newest = entry;
    }

    private void Unlink(Entry entry)
    {
        if (entry.Older is null)
        {
            _oldest = entry.Newer;
        }
        else
        {
            entry.Older.Newer = entry.Newer;
        }

        if (entry.Newer is null)
        {
            _newest = entry.Older;
        }
        else
        {
            entry.Newer.Older = entry.Older;
        }

        entry.Older = entry.Newer = null;
    }

    /// <summary>One key: its last action and a ring of its action times within the last hour, oldest at <see cref="_head"/>.</summary>
    private sealed class Entry(string key)
    {
        private static readonly long WindowTicks = CooldownRule.Window.Ticks;

        private long[] _times = [];
        private int _head;
        private int _count;

        public string Key { get; } = key;

        /// <summary>Ticks of the last allowed action; <see cref="long.MinValue"/> before the first.</summary>
        public long LastAction { get; private set; } = long.MinValue;

        public Entry? Older { get; set; }

        public Entry? Newer { get; set; }

        public CooldownAnswer TryAct(CooldownRule rule, long now)
        {
            var quota = Math.Max(0, rule.HourlyQuota);
            ForgetBefore(now - WindowTicks);
            var cooldownLeft = LastAction == long.MinValue ? 0 : Math.Max(0, LastAction + rule.Cooldown.Ticks - now);
            var quotaLeft = quota > 0 && _count >= quota ? TimeAt(_count - quota) + WindowTicks - now : 0;
            if (cooldownLeft > 0 || quotaLeft > 0)
            {
                var limit = quotaLeft >= cooldownLeft ? CooldownLimit.HourlyQuota : CooldownLimit.Cooldown;
                return new CooldownAnswer(false, limit, TimeSpan.FromTicks(Math.Max(cooldownLeft, quotaLeft)), _count, quota);
            }

            LastAction = now;
            Record(now, Math.Max(quota, 1));
            return new CooldownAnswer(true, CooldownLimit.None, TimeSpan.Zero, _count, quota);
        }

        /// <summary>Drops the action times at or before <paramref name="cutoff"/>: they left the hour.</summary>
        private void ForgetBefore(long cutoff)
        {
            while (_count > 0 && _times[_head] <= cutoff)
            {
                _head = (_head + 1) % _times.Length;
                _count--;
            }
        }

        private long TimeAt(int index) => _times[(_head + index) % _times.Length];

        /// <summary>
        /// Adds an action time, keeping at most <paramref name="keep"/> of the newest. The ring doubles while it is
        /// smaller than that; with no quota it keeps one time, which is all the cooldown needs.
        /// </summary>
        private void Record(long now, int keep)
        {
            if ((_count == _times.Length && _times.Length < keep) || _times.Length > keep)
            {
                Resize(Math.Min(keep, Math.Max(FirstRingSize, _times.Length * 2)));
            }

            if (_count == _times.Length)
            {
                _head = (_head + 1) % _times.Length;
                _count--;
            }

            _times[(_head + _count) % _times.Length] = now;
            _count++;
        }

        /// <summary>Moves the newest times (at most <paramref name="size"/>) into a ring of that size.</summary>
        private void Resize(int size)
        {
            var kept = Math.Min(_count, size);
            var times = new long[size];
            for (var i = 0; i < kept; i++)
            {
                times[i] = TimeAt(_count - kept + i);
            }

            _times = times;
            _head = 0;
            _count = kept;
        }
    }
}
