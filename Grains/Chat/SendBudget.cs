using System.Threading.RateLimiting;

namespace OrleansBots.Chat;

/// <summary>
/// A chat account's send limits (Twitch: 20 messages per 30 s, 100 where the account moderates; 20 JOINs per 10 s) as
/// sliding windows of <see cref="SlidingWindowRateLimiter"/>. The windows move with the given clock, not with timers
/// of their own: each call first replenishes the segments that passed. Every message counts against the small
/// window too (as far as it has room), because the server counts all of an account's messages: once 20 were sent in
/// 30 s, a message to a channel the account does not moderate must wait, whatever went to moderated channels.
/// Not thread-safe: the account's grain calls it.
/// </summary>
public sealed class SendBudget : IDisposable
{
    private const int SegmentsPerWindow = 10;

    private readonly Window _messages;
    private readonly Window _moderatorMessages;
    private readonly Window _joins;

    public SendBudget(ChatOptions options, TimeProvider time)
    {
        _messages = new Window(options.MessagesPerWindow, options.MessageWindow, time);
        _moderatorMessages = new Window(options.ModeratorMessagesPerWindow, options.MessageWindow, time);
        _joins = new Window(options.JoinsPerWindow, options.JoinWindow, time);
    }

    public SendGrant TrySend(bool moderator)
    {
        if (moderator)
        {
            var granted = _moderatorMessages.TryTake();
            if (granted.Granted)
            {
                _messages.TryTake();
            }

            return granted;
        }

        // Both windows must have room; the larger one is only taken once the smaller one granted.
        var small = _messages.Peek();
        if (!small.Granted)
        {
            return small;
        }

        var large = _moderatorMessages.TryTake();
        return large.Granted ? _messages.TryTake() : large;
    }

    public SendGrant TryJoin() => _joins.TryTake();

    public void Dispose()
    {
        _messages.Dispose();
        _moderatorMessages.Dispose();
        _joins.Dispose();
    }

    /// <summary>One sliding window whose segments are replenished from the clock.</summary>
    private sealed class Window : IDisposable
    {
        private readonly SlidingWindowRateLimiter _limiter;
        private readonly TimeProvider _time;
        private readonly long _segmentTicks;
        private long _segmentStart;

        public Window(int permits, TimeSpan window, TimeProvider time)
        {
            _time = time;
            _segmentTicks = window.Ticks / SegmentsPerWindow;
            _segmentStart = time.GetUtcNow().UtcTicks;

            // One segment more than the window holds: a permit taken late in a segment comes back only after a whole
            // window has passed, so the server's exact window never sees one message too many.
            _limiter = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = TimeSpan.FromTicks(_segmentTicks * (SegmentsPerWindow + 1)),
                SegmentsPerWindow = SegmentsPerWindow + 1,
                QueueLimit = 0,
                AutoReplenishment = false,
            });
        }

        public SendGrant TryTake()
        {
            Replenish();
            using var lease = _limiter.AttemptAcquire(1);
            return lease.IsAcquired ? new SendGrant(true, TimeSpan.Zero) : Refusal();
        }

        /// <summary>Whether one permit is free now, without taking it.</summary>
        public SendGrant Peek()
        {
            Replenish();
            return _limiter.GetStatistics()!.CurrentAvailablePermits > 0 ? new SendGrant(true, TimeSpan.Zero) : Refusal();
        }

        public void Dispose() => _limiter.Dispose();

        /// <summary>A refused permit may come back when the current segment ends (permits return one segment at a time).</summary>
        private SendGrant Refusal() => new(false, TimeSpan.FromTicks(_segmentStart + _segmentTicks - _time.GetUtcNow().UtcTicks));

        private void Replenish()
        {
            var now = _time.GetUtcNow().UtcTicks;
            var passed = (now - _segmentStart) / _segmentTicks;
            if (passed <= 0)
            {
                return;
            }

            // More than a whole window of segments frees everything; replenishing further changes nothing.
            for (var i = 0; i < Math.Min(passed, SegmentsPerWindow + 1); i++)
            {
                _limiter.TryReplenish();
            }

            _segmentStart += passed * _segmentTicks;
        }
    }
}
