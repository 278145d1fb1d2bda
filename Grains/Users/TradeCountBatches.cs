using System.Collections.Concurrent;
using OrleansBots.Quotas;

namespace OrleansBots.Users;

/// <summary>
/// The silo's bots' trades on their way to their owners' daily quotas: at most one call per user at a time
/// (<see cref="IUserGrain.TryCountTrades"/>), made <see cref="UserOptions.TradeCountGathering"/> after the first trade
/// with every trade asked for by then, and the trades asked for while it is under way going together in the next.
/// When a symbol's price crosses, a user's bots trade within the same second; a grain call per trade (a message, its
/// invoker, the call filters' state, all in flight while the user answers) was a fifth of what the silo allocated
/// while 100,000 bots traded, and young collections paused for what they found in flight. Each trade still gets its
/// own answer: the user counts as many of a batch as its quota has room for, the first asked first, so no trade is
/// counted that is not made and the quota stays exact across silos. A failed call fails every trade of its batch,
/// as it failed the one trade before. Thread-safe.
/// </summary>
public sealed class TradeCountBatches
{
    private readonly Func<string, int, Task<TradeCountAnswer>> _countTrades;
    private readonly TimeSpan _gathering;
    private readonly TimeProvider _time;

    // Only users with a call under way: a line leaves when its last call ends with nothing waiting.
    private readonly ConcurrentDictionary<string, Line> _lines = new(StringComparer.Ordinal);

    public TradeCountBatches(IGrainFactory grains, IOptions<UserOptions> options, TimeProvider time)
        : this((userId, count) => grains.GetGrain<IUserGrain>(userId).TryCountTrades(count), options.Value.TradeCountGathering, time)
    {
    }

    /// <summary>Over any way of counting a user's trades; tests count with a fake.</summary>
    internal TradeCountBatches(Func<string, int, Task<TradeCountAnswer>> countTrades, TimeSpan gathering = default, TimeProvider? time = null) =>
        (_countTrades, _gathering, _time) = (countTrades, gathering, time ?? TimeProvider.System);

    /// <summary>Users with a call under way.</summary>
    internal int Calling => _lines.Count;

    /// <summary>Counts one trade of <paramref name="userId"/>; completes once the count is stored.</summary>
    public async Task<TradeQuotaAnswer> CountAsync(string userId)
    {
        var (batch, position) = Join(userId);
        var answer = await batch.Answer.Task;
        return answer.For(position);
    }

    private (Batch Batch, int Position) Join(string userId)
    {
        while (true)
        {
            var line = _lines.GetOrAdd(userId, static id => new Line(id));
            Batch batch;
            int position;
            bool calls;
            lock (line.Gate)
            {
                if (line.Closed)
                {
                    // It left the dictionary after this caller found it: take the one there now.
                    continue;
                }

                batch = line.Next ??= new Batch();
                position = batch.Size++;
                calls = !line.Calling;
                line.Calling = true;
            }

            if (calls)
            {
                _ = CallAsync(line);
            }

            return (batch, position);
        }
    }

    /// <summary>
    /// After the gathering time, sends the batch that gathered, then each batch that gathered during the call before
    /// it, until none is waiting.
    /// </summary>
    private async Task CallAsync(Line line)
    {
        if (_gathering > TimeSpan.Zero)
        {
            await Task.Delay(_gathering, _time).ConfigureAwait(false);
        }

        while (true)
        {
            Batch? sending;
            lock (line.Gate)
            {
                sending = line.Next;
                line.Next = null;
                if (sending is null)
                {
                    // Closed for good, never to call again: a trade after this makes a new line.
                    line.Closed = true;
                    _lines.TryRemove(KeyValuePair.Create(line.UserId, line));
                    return;
                }
            }

            try
            {
                sending.Answer.SetResult(await _countTrades(line.UserId, sending.Size).ConfigureAwait(false));
            }
            catch (Exception error)
            {
                sending.Answer.SetException(error);
            }
        }
    }

    /// <summary>One user's calls: whether one is under way (from the first trade until it closes), and the batch gathering for the next.</summary>
    private sealed class Line(string userId)
    {
        public string UserId { get; } = userId;

        public Lock Gate { get; } = new();

        public bool Calling { get; set; }

        public bool Closed { get; set; }

        public Batch? Next { get; set; }
    }

    private sealed class Batch
    {
        public int Size { get; set; }

        // The bots' turns go on from here on their own schedulers, not on the thread that completes it.
        public TaskCompletionSource<TradeCountAnswer> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
