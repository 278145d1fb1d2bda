namespace OrleansBots.Chat;

/// <summary>
/// The questions of one channel's viewers in front of the model's slots: at most <c>slots</c> are answered at once,
/// at most <c>length</c> wait (in order of arrival), each viewer has at most one question pending (waiting or being
/// answered), and a question that waited longer than <c>waitLimit</c> leaves the line (its asker is told to retry).
/// Memory is bounded by slots + length whatever the number of viewers. Not thread-safe: the channel's grain calls it.
/// </summary>
public sealed class QuestionQueue(int slots, int length, TimeSpan waitLimit, TimeProvider time)
{
    private readonly LinkedList<PendingQuestion> _waiting = new();
    private readonly Dictionary<string, LinkedListNode<PendingQuestion>?> _pending = new(StringComparer.OrdinalIgnoreCase);
    private int _answering;

    public int Waiting => _waiting.Count;

    public int Answering => _answering;

    /// <summary>
    /// Takes a question: it gets a slot at once (<see cref="QueueOutcome.Answering"/>, to be started with
    /// <see cref="TakeNext"/>), or waits with its position, or is refused (one already pending, or the line is full).
    /// </summary>
    public QueueAnswer Ask(string sender, string question)
    {
        if (_pending.ContainsKey(sender))
        {
            return new QueueAnswer(QueueOutcome.AlreadyPending, 0);
        }

        if (_answering + _waiting.Count >= slots + length)
        {
            return new QueueAnswer(QueueOutcome.Full, 0);
        }

        var node = _waiting.AddLast(new PendingQuestion(sender, question, time.GetUtcNow()));
        _pending[sender] = node;
        return _answering + _waiting.Count <= slots
            ? new QueueAnswer(QueueOutcome.Answering, 0)
            : new QueueAnswer(QueueOutcome.Waiting, _waiting.Count - (slots - _answering));
    }

    /// <summary>The next question to answer when a slot is free (it then holds the slot until <see cref="Done"/>), else null.</summary>
    public PendingQuestion? TakeNext()
    {
        if (_answering >= slots || _waiting.First is not { } first)
        {
            return null;
        }

        _waiting.RemoveFirst();
        _pending[first.Value.Sender] = null;
        _answering++;
        return first.Value;
    }

    /// <summary>The question of <paramref name="sender"/> was answered (or failed): its slot is free, and they may ask again.</summary>
    public void Done(string sender)
    {
        if (_pending.Remove(sender, out var node) && node is null)
        {
            _answering--;
        }
    }

    /// <summary>Removes and returns the waiting questions older than the wait limit (their askers are to be told to retry).</summary>
    public IReadOnlyList<PendingQuestion> Expire()
    {
        var cutoff = time.GetUtcNow() - waitLimit;
        List<PendingQuestion>? expired = null;
        while (_waiting.First is { } first && first.Value.AskedAt <= cutoff)
        {
            _waiting.RemoveFirst();
            _pending.Remove(first.Value.Sender);
            (expired ??= []).Add(first.Value);
        }

        return expired ?? [];
    }
}
