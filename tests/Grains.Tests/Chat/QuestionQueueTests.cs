using Microsoft.Extensions.Time.Testing;
using OrleansBots.Chat;

namespace OrleansBots.Tests.Chat;

public sealed class QuestionQueueTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-02T12:00:00Z"));

    [Fact]
    public void SevenAreAnsweredAtOnceAndTheNextOnesAreToldTheirPlace()
    {
        var queue = new QuestionQueue(7, 3, TimeSpan.FromSeconds(60), _time);

        var answers = Enumerable.Range(0, 11).Select(i => queue.Ask("viewer" + i, "q")).ToList();
        var started = Drain(queue);

        Assert.All(answers.Take(7), a => Assert.Equal(QueueOutcome.Answering, a.Outcome));
        Assert.Equal([1, 2, 3], answers.Skip(7).Take(3).Select(a => a.Position));
        Assert.Equal(QueueOutcome.Full, answers[10].Outcome);
        Assert.Equal(7, started.Count);
        Assert.Equal(3, queue.Waiting);
    }

    [Fact]
    public void AViewerHasOneQuestionPendingUntilItIsAnswered()
    {
        var queue = new QuestionQueue(1, 5, TimeSpan.FromSeconds(60), _time);
        queue.Ask("viewer", "first");
        var question = queue.TakeNext()!;

        var again = queue.Ask("VIEWER", "second");
        queue.Done(question.Sender);

        Assert.Equal(QueueOutcome.AlreadyPending, again.Outcome);
        Assert.Equal(QueueOutcome.Answering, queue.Ask("viewer", "third").Outcome);
    }

    [Fact]
    public void AFreedSlotGoesToTheOldestWaitingQuestion()
    {
        var queue = new QuestionQueue(1, 5, TimeSpan.FromSeconds(60), _time);
        queue.Ask("a", "1");
        queue.Ask("b", "2");
        queue.Ask("c", "3");
        var first = queue.TakeNext()!;

        Assert.Null(queue.TakeNext());
        queue.Done(first.Sender);
        Assert.Equal("b", queue.TakeNext()!.Sender);
    }

    [Fact]
    public void QuestionsThatWaitedTooLongLeaveTheLineAndTheirAskersMayAskAgain()
    {
        var queue = new QuestionQueue(1, 5, TimeSpan.FromSeconds(60), _time);
        queue.Ask("a", "1");
        queue.TakeNext();
        queue.Ask("b", "2");
        _time.Advance(TimeSpan.FromSeconds(30));
        queue.Ask("c", "3");
        _time.Advance(TimeSpan.FromSeconds(31));

        var expired = queue.Expire();

        Assert.Equal(["b"], expired.Select(q => q.Sender));
        Assert.Equal(1, queue.Waiting);
        Assert.Equal(QueueOutcome.Waiting, queue.Ask("b", "again").Outcome);
    }

    private static List<PendingQuestion> Drain(QuestionQueue queue)
    {
        var started = new List<PendingQuestion>();
        while (queue.TakeNext() is { } question)
        {
            started.Add(question);
        }

        return started;
    }
}
