using OrleansBots.Bots;

namespace OrleansBots.Tests.Bots;

public sealed class UnsavedHistoryTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private readonly BotState _bot = new() { TradesTotal = 1 };
    private readonly UnsavedHistory _unsaved = new();

    [Fact]
    public async Task ATradeAndItsSignalReachTheStoreInOneAppend()
    {
        var store = new RecordingHistory();
        _unsaved.Trade(_bot, Trade(1));
        _unsaved.Signal(_bot, Signal("bought"));

        await _unsaved.WriteAsync(store, "b");

        var append = Assert.Single(store.Appends);
        Assert.Equal([(HistoryKind.Trade, 1L), (HistoryKind.Signal, 1L)], append.Select(i => (i.Kind, i.Seq)));
        Assert.True(_unsaved.IsEmpty);
    }

    [Fact]
    public async Task ItemsMadeWhileAWriteIsUnderWayWaitForTheNextWrite()
    {
        var store = new RecordingHistory { Holds = true };
        _unsaved.Trade(_bot, Trade(1));
        var writing = _unsaved.WriteAsync(store, "b");

        _unsaved.Reply(_bot, new ChatReply(Noon, "help", "commands: ..."));
        store.Held[0].SetResult();
        await writing;

        Assert.Equal([HistoryKind.Reply], _unsaved.Items.Select(i => i.Kind));
        store.Holds = false;
        await _unsaved.WriteAsync(store, "b");
        Assert.Equal([HistoryKind.Reply], store.Appends[^1].Select(i => i.Kind));
        Assert.True(_unsaved.IsEmpty);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TwoWritesUnderWayAtOnceForgetOnlyWhatWasWritten(bool firstEndsFirst)
    {
        var store = new RecordingHistory { Holds = true };
        _unsaved.Trade(_bot, Trade(1));
        var first = _unsaved.WriteAsync(store, "b");
        _unsaved.Signal(_bot, Signal("bought"));
        var second = _unsaved.WriteAsync(store, "b");
        _unsaved.Reply(_bot, new ChatReply(Noon, "status", "holding BTCUSDT"));

        (firstEndsFirst ? store.Held[0] : store.Held[1]).SetResult();
        await (firstEndsFirst ? first : second);
        (firstEndsFirst ? store.Held[1] : store.Held[0]).SetResult();
        await Task.WhenAll(first, second);

        Assert.Equal([HistoryKind.Reply], _unsaved.Items.Select(i => i.Kind));
    }

    [Fact]
    public async Task AFailedWriteKeepsEveryItemForTheNextTry()
    {
        var store = new RecordingHistory { Failure = new TimeoutException("store unreachable") };
        _unsaved.Trade(_bot, Trade(1));
        _unsaved.Signal(_bot, Signal("bought"));

        await Assert.ThrowsAsync<TimeoutException>(() => _unsaved.WriteAsync(store, "b"));

        Assert.Equal([HistoryKind.Trade, HistoryKind.Signal], _unsaved.Items.Select(i => i.Kind));
    }

    [Fact]
    public async Task NothingUnsavedAsksNothingOfTheStore()
    {
        var store = new RecordingHistory();

        await _unsaved.WriteAsync(store, "b");

        Assert.Empty(store.Appends);
    }

    private static Trade Trade(int seq) => new($"b-{seq}", "BTCUSDT", TradeSide.Buy, 100m, 1m, Noon);

    private static Signal Signal(string message) => new(Noon, "BTCUSDT", "buy", message);

    /// <summary>Copies each append as it was called (the store reads the items there then), and can hold or fail it.</summary>
    private sealed class RecordingHistory : IBotHistory
    {
        public List<List<HistoryItem>> Appends { get; } = [];

        /// <summary>While set, each append waits for its own entry of <see cref="Held"/> to complete.</summary>
        public bool Holds { get; set; }

        public List<TaskCompletionSource> Held { get; } = [];

        public Exception? Failure { get; init; }

        public Task AppendAsync(string botId, IReadOnlyList<HistoryItem> items)
        {
            Appends.Add([.. items]);
            if (Failure is { } failure)
            {
                return Task.FromException(failure);
            }

            if (!Holds)
            {
                return Task.CompletedTask;
            }

            Held.Add(new TaskCompletionSource());
            return Held[^1].Task;
        }

        public Task<HistoryPage<T>> ReadAsync<T>(string botId, HistoryKind kind, int limit, long? before) => throw new NotSupportedException();

        public Task<HistorySince> ReadSinceAsync(string botId, HistoryCounts saved) => throw new NotSupportedException();

        public Task DeleteAsync(string botId) => throw new NotSupportedException();
    }
}
