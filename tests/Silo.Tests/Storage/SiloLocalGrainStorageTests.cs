using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansBots.Bots;
using OrleansBots.Silo.Storage;
using OrleansBots.Storage;

namespace OrleansBots.Silo.Tests.Storage;

/// <summary>The single-silo default's grain storage, with Orleans' real serializer.</summary>
public sealed class SiloLocalGrainStorageTests : IDisposable
{
    private static readonly GrainId Bot = GrainId.Create("bot", "bot-1");
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();
    private readonly SiloLocalGrainStorage _storage;

    public SiloLocalGrainStorageTests() =>
        _storage = new SiloLocalGrainStorage(new CompactStateSerializer(_services.GetRequiredService<Serializer>()));

    [Fact]
    public async Task AStateNeverWrittenReadsAsAbsent()
    {
        var read = new GrainState<BotState>();

        await _storage.ReadStateAsync(StateNames.Bot, Bot, read);

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.NotNull(read.State);
        Assert.Null(read.State!.UserId);
    }

    [Fact]
    public async Task AWrittenStateComesBackAsSavedAndLaterChangesToTheGrainsCopyDoNotReachIt()
    {
        var written = new GrainState<BotState>(SomeBot(ticks: 7));
        await _storage.WriteStateAsync(StateNames.Bot, Bot, written);
        written.State!.Ticks = 8;

        var read = new GrainState<BotState>();
        await _storage.ReadStateAsync(StateNames.Bot, Bot, read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(7, read.State!.Ticks);
        Assert.Equal("user-1", read.State!.UserId);
        Assert.NotSame(written.State, read.State);
    }

    [Fact]
    public async Task EachWriteGetsANewETag()
    {
        var state = new GrainState<BotState>(SomeBot(ticks: 1));
        await _storage.WriteStateAsync(StateNames.Bot, Bot, state);
        var first = state.ETag;

        await _storage.WriteStateAsync(StateNames.Bot, Bot, state);

        Assert.NotNull(first);
        Assert.NotEqual(first, state.ETag);
    }

    [Fact]
    public async Task AWriteFromAnActivationThatReadAnOlderStateIsRefusedAndLeavesTheNewerOne()
    {
        var old = new GrainState<BotState>();
        await _storage.WriteStateAsync(StateNames.Bot, Bot, new GrainState<BotState>(SomeBot(ticks: 1)));
        await _storage.ReadStateAsync(StateNames.Bot, Bot, old);
        var newer = new GrainState<BotState>();
        await _storage.ReadStateAsync(StateNames.Bot, Bot, newer);
        newer.State!.Ticks = 2;
        await _storage.WriteStateAsync(StateNames.Bot, Bot, newer);

        old.State!.Ticks = 99;
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(StateNames.Bot, Bot, old));

        var read = new GrainState<BotState>();
        await _storage.ReadStateAsync(StateNames.Bot, Bot, read);
        Assert.Equal(2, read.State!.Ticks);
    }

    [Fact]
    public async Task AClearedStateReadsAsAbsentAndCanBeWrittenAfresh()
    {
        var state = new GrainState<BotState>(SomeBot(ticks: 3));
        await _storage.WriteStateAsync(StateNames.Bot, Bot, state);

        await _storage.ClearStateAsync(StateNames.Bot, Bot, state);
        var read = new GrainState<BotState>();
        await _storage.ReadStateAsync(StateNames.Bot, Bot, read);
        Assert.False(read.RecordExists);

        await _storage.WriteStateAsync(StateNames.Bot, Bot, new GrainState<BotState>(SomeBot(ticks: 4)));
        await _storage.ReadStateAsync(StateNames.Bot, Bot, read);
        Assert.Equal(4, read.State!.Ticks);
    }

    [Fact]
    public async Task AClearWithAnOutdatedETagIsRefused()
    {
        var state = new GrainState<BotState>(SomeBot(ticks: 1));
        await _storage.WriteStateAsync(StateNames.Bot, Bot, state);
        var outdated = new GrainState<BotState> { ETag = state.ETag };
        await _storage.WriteStateAsync(StateNames.Bot, Bot, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearStateAsync(StateNames.Bot, Bot, outdated));
    }

    [Fact]
    public async Task StatesOfOtherGrainsAndOtherStateNamesAreKeptApart()
    {
        var other = GrainId.Create("bot", "bot-2");
        await _storage.WriteStateAsync(StateNames.Bot, Bot, new GrainState<BotState>(SomeBot(ticks: 1)));
        await _storage.WriteStateAsync(StateNames.Bot, other, new GrainState<BotState>(SomeBot(ticks: 2)));

        var first = new GrainState<BotState>();
        var second = new GrainState<BotState>();
        var otherName = new GrainState<BotState>();
        await _storage.ReadStateAsync(StateNames.Bot, Bot, first);
        await _storage.ReadStateAsync(StateNames.Bot, other, second);
        await _storage.ReadStateAsync("another-state", Bot, otherName);

        Assert.Equal((1, 2), (first.State!.Ticks, second.State!.Ticks));
        Assert.False(otherName.RecordExists);
    }

    public void Dispose() => _services.Dispose();

    private static BotState SomeBot(long ticks)
    {
        var definition = new BotDefinition("b", BotKind.Trading, ["BTCUSDT"], 5, 5, 20, 0.01m);
        var state = BotState.Created("user-1", definition, new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero));
        state.Ticks = ticks;
        return state;
    }
}
