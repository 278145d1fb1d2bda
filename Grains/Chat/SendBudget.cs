namespace OrleansBots.Chat;

/// <summary>
/// A chat account's send limits (Twitch: 20 messages per 30 s, 100 where the account moderates; 20 JOINs per 10 s) as
/// exact sliding windows over the given clock: a message may go when fewer than the limit went in the last window.
/// Every message counts against the small window too, because the server counts all of an account's messages: once 20
/// went out in 30 s, a message to a channel the account does not moderate must wait, whatever went to moderated ones.
/// Each window is a tenth longer than the server's: messages reach the server after varying delays, and one that
/// arrives a moment early in a window the server counts exactly gets the account disconnected.
/// Memory is the limits' size (at most 100 + 20 + 20 times). Not thread-safe: the account's grain calls it.
/// </summary>
public sealed class SendBudget(ChatOptions options, TimeProvider time)
{
    private readonly Window _messages = new(options.MessagesPerWindow, WithMargin(options.MessageWindow), time);
    private readonly Window _moderatorMessages = new(options.ModeratorMessagesPerWindow, WithMargin(options.MessageWindow), time);
    private readonly Window _joins = new(options.JoinsPerWindow, WithMargin(options.JoinWindow), time);

    public SendGrant TrySend(bool moderator)
    {
        if (moderator)
        {
            var granted = _moderatorMessages.TryTake();
            if (granted.Granted)
            {
                // Counted where there is room; a full small window already refuses ordinary channels.
                _messages.TryTake();
            }

            return granted;
        }

        var small = _messages.Peek();
        if (!small.Granted)
        {
            return small;
        }

        var large = _moderatorMessages.TryTake();
        return large.Granted ? _messages.TryTake() : large;
    }

    public SendGrant TryJoin() => _joins.TryTake();

    private static TimeSpan WithMargin(TimeSpan window) => window * 1.1;

    /// <summary>The times of the sends of the last window, oldest first.</summary>
    private sealed class Window(int permits, TimeSpan length, TimeProvider time)
    {
        private readonly Queue<DateTimeOffset> _sent = new();

        public SendGrant TryTake()
        {
            var grant = Peek();
            if (grant.Granted)
            {
                _sent.Enqueue(time.GetUtcNow());
            }

            return grant;
        }

        /// <summary>Whether a send may go now, without taking it; when not, how long until the oldest send leaves the window.</summary>
        public SendGrant Peek()
        {
            var now = time.GetUtcNow();
            while (_sent.TryPeek(out var oldest) && now - oldest >= length)
            {
                _sent.Dequeue();
            }

            return _sent.Count < permits ? new SendGrant(true, TimeSpan.Zero) : new SendGrant(false, _sent.Peek() + length - now);
        }
    }
}
