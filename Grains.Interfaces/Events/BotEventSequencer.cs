namespace OrleansBots.Events;

/// <summary>
/// Joins a bot's kept history and its live stream into one gapless sequence without duplicates, for one reader: the
/// reader subscribes first (live events are held), then <see cref="Replay"/> delivers the history after the reader's
/// last event and the held events after it; from then on live events go straight through. Events at or below the
/// last one delivered are dropped, so an event both kept and streamed is delivered once. A renewal joins the same way
/// (<see cref="Hold"/>, then <see cref="Replay"/>). Thread-safe (the stream
/// delivers on its own threads).
/// </summary>
/// <param name="deliver">Takes an event; false means the reader is gone or too slow, and nothing more is delivered.</param>
/// <param name="maxHeld">Live events held while the history is read; beyond it the reader is too slow.</param>
/// <param name="overflowed">Called once when more than <paramref name="maxHeld"/> live events piled up; nothing more is delivered.</param>
public sealed class BotEventSequencer(Func<BotEvent, bool> deliver, int maxHeld, Action overflowed)
{
    private readonly Lock _gate = new();
    private List<BotEvent>? _held = [];
    private long _last;
    private bool _stopped;

    /// <summary>The number of the last event delivered.</summary>
    public long Last
    {
        get
        {
            lock (_gate)
            {
                return _last;
            }
        }
    }

    /// <summary>A live event from the stream.</summary>
    public void Live(BotEvent item)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            if (_held is not null)
            {
                _held.Add(item);
                if (_held.Count > maxHeld)
                {
                    _stopped = true;
                    _held = [];
                    overflowed();
                }

                return;
            }

            Deliver(item);
        }
    }

    /// <summary>
    /// Holds live events again until the next <see cref="Replay"/>, for a renewal that reads the log once more (see
    /// <see cref="BotEventWatch"/>); returns the number of the last event delivered, to read after.
    /// </summary>
    public long Hold()
    {
        lock (_gate)
        {
            _held ??= [];
            return _last;
        }
    }

    /// <summary>The history after <paramref name="afterSequence"/> (the reader's last event), then the held live events.</summary>
    public void Replay(BotEventPage page, long afterSequence)
    {
        lock (_gate)
        {
            _last = afterSequence;
            foreach (var item in page.Events.Concat(_held ?? []).OrderBy(e => e.Sequence))
            {
                if (_stopped)
                {
                    break;
                }

                Deliver(item);
            }

            _held = null;
        }
    }

    private void Deliver(BotEvent item)
    {
        if (item.Sequence <= _last)
        {
            return;
        }

        _last = item.Sequence;
        _stopped = !deliver(item);
    }
}
