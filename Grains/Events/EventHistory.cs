namespace OrleansBots.Events;

/// <summary>
/// A bot's recent events, numbered and bounded: each appended event gets the next number after
/// <paramref name="lastNumber"/>, and only the newest <paramref name="kept"/> stay. Not thread-safe: the log grain calls it.
/// </summary>
public sealed class EventHistory(int kept, long lastNumber)
{
    private readonly Queue<BotEvent> _events = new();

    /// <summary>The number of the newest event (or the one a new history continues after).</summary>
    public long Latest { get; private set; } = lastNumber;

    /// <summary>The kept events, oldest first.</summary>
    public IReadOnlyList<BotEvent> Kept => [.. _events];

    /// <summary>A history that goes on from <paramref name="events"/>, already numbered (a log that moved to another silo).</summary>
    public static EventHistory Continuing(int kept, long lastNumber, IEnumerable<BotEvent> events)
    {
        var history = new EventHistory(kept, lastNumber);
        foreach (var numbered in events.TakeLast(kept))
        {
            history._events.Enqueue(numbered);
        }

        return history;
    }

    public BotEvent Append(BotEvent draft)
    {
        var numbered = draft with { Sequence = Latest + 1 };
        Latest = numbered.Sequence;
        _events.Enqueue(numbered);
        if (_events.Count > kept)
        {
            _events.Dequeue();
        }

        return numbered;
    }

    /// <summary>
    /// The kept events after <paramref name="afterSequence"/>, oldest first; complete when none after it was dropped.
    /// A reader with nothing to resume asks after <see cref="long.MaxValue"/>: no events, and the number to go on from.
    /// </summary>
    public BotEventPage Since(long afterSequence)
    {
        var events = _events.Where(e => e.Sequence > afterSequence).ToList();
        var firstKept = _events.Count > 0 ? _events.Peek().Sequence : Latest + 1;
        var complete = afterSequence >= firstKept - 1;
        return new BotEventPage(events, complete, Latest);
    }
}
