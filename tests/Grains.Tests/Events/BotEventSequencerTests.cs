using OrleansBots.Events;

namespace OrleansBots.Tests.Events;

public sealed class BotEventSequencerTests
{
    private static BotEvent Event(long sequence) => new(sequence, "bot", BotEventKind.Trade, DateTimeOffset.UnixEpoch);

    [Fact]
    public void LiveEventsHeldDuringTheReplayFollowTheHistoryInOrderAndEachIsDeliveredOnce()
    {
        var delivered = new List<long>();
        var sequencer = new BotEventSequencer(e => { delivered.Add(e.Sequence); return true; }, maxHeld: 10, overflowed: () => { });

        sequencer.Live(Event(6));
        sequencer.Live(Event(7));
        sequencer.Replay(new BotEventPage([Event(4), Event(5), Event(6)], true, 6), afterSequence: 3);
        sequencer.Live(Event(7));
        sequencer.Live(Event(8));

        Assert.Equal([4L, 5, 6, 7, 8], delivered);
        Assert.Equal(8, sequencer.Last);
    }

    [Fact]
    public void ARenewalJoinsTheEventsTheLogKeptButDidNotStreamWithTheLiveOnesInOrder()
    {
        var delivered = new List<long>();
        var sequencer = new BotEventSequencer(e => { delivered.Add(e.Sequence); return true; }, maxHeld: 10, overflowed: () => { });
        sequencer.Replay(new BotEventPage([], true, 3), afterSequence: 3);
        sequencer.Live(Event(4));

        var last = sequencer.Hold();
        sequencer.Live(Event(7));
        sequencer.Replay(new BotEventPage([Event(5), Event(6)], true, 6), last);
        sequencer.Live(Event(8));

        Assert.Equal(4, last);
        Assert.Equal([4L, 5, 6, 7, 8], delivered);
    }

    [Fact]
    public void EventsAtOrBeforeTheReadersLastOneAreNotDelivered()
    {
        var delivered = new List<long>();
        var sequencer = new BotEventSequencer(e => { delivered.Add(e.Sequence); return true; }, maxHeld: 10, overflowed: () => { });

        sequencer.Replay(new BotEventPage([Event(4), Event(5)], true, 5), afterSequence: 5);
        sequencer.Live(Event(5));
        sequencer.Live(Event(6));

        Assert.Equal([6L], delivered);
    }

    [Fact]
    public void AReaderThatRefusesAnEventGetsNothingMore()
    {
        var delivered = new List<long>();
        var sequencer = new BotEventSequencer(e => { delivered.Add(e.Sequence); return delivered.Count < 2; }, maxHeld: 10, overflowed: () => { });

        sequencer.Replay(new BotEventPage([], true, 0), afterSequence: 0);
        foreach (var n in new long[] { 1, 2, 3, 4 })
        {
            sequencer.Live(Event(n));
        }

        Assert.Equal([1L, 2], delivered);
    }

    [Fact]
    public void TooManyLiveEventsWhileTheHistoryIsReadOverflowOnceAndDeliverNothing()
    {
        var delivered = new List<long>();
        var overflows = 0;
        var sequencer = new BotEventSequencer(e => { delivered.Add(e.Sequence); return true; }, maxHeld: 2, overflowed: () => overflows++);

        foreach (var n in new long[] { 1, 2, 3, 4 })
        {
            sequencer.Live(Event(n));
        }

        sequencer.Replay(new BotEventPage([], true, 0), afterSequence: 0);

        Assert.Equal(1, overflows);
        Assert.Empty(delivered);
    }
}
