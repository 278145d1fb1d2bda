using System.Diagnostics;
using OrleansBots.Chat;

namespace OrleansBots.Benchmarks;

/// <summary>
/// 1,000 viewers ask a chat bot at once: each question passes the bot's <see cref="CommandCooldowns"/> and its
/// <see cref="QuestionQueue"/> (7 model slots, as the seed's <c>max_concurrent_users</c>) exactly as the chat link grain
/// drives them (one thread at a time), and each slot awaits a model answer of a fixed latency. Counts who was answered,
/// told the line is full, or told to retry after the wait limit; checks nobody got two outcomes; and reports the
/// queue's peak length and the bytes the queue and the viewers' cooldowns hold.
/// </summary>
public sealed class QuestionQueueBenchmark : IBenchmark
{
    private const int Slots = 7;

    public string Name => "chatqueue";

    public async Task<Report> RunAsync(bool quick)
    {
        var report = new Report(Name,
        [
            "viewers", "queue_length", "model_ms", "wait_limit_s", "answered", "told_full", "told_expired", "outcomes_twice",
            "peak_pending", "bytes_after_asking", "answer_p50_ms", "answer_p99_ms", "elapsed_s",
        ]);
        report.Notes.Add($"{Slots} model slots; every viewer asks once at the same moment; the model answers after model_ms");
        report.Notes.Add("told_full: the line was full when asked; told_expired: waited longer than wait_limit_s; outcomes_twice must be 0");
        report.Notes.Add("bytes_after_asking: GC heap growth with every question asked (queue, pending set, 1,000 viewers' cooldown entries)");
        (int Viewers, int Length, int ModelMs, double WaitSeconds)[] cases = quick
            ? [(1_000, 100, 100, 5), (1_000, 1_000, 100, 5)]
            : [(1_000, 100, 100, 5), (1_000, 1_000, 100, 5), (1_000, 100, 1_000, 30), (50_000, 100, 100, 5)];
        foreach (var (viewers, length, modelMs, waitSeconds) in cases)
        {
            Console.WriteLine($"  {viewers:N0} viewers, line of {length}, model {modelMs} ms ...");
            report.Add(await RunCaseAsync(viewers, length, TimeSpan.FromMilliseconds(modelMs), TimeSpan.FromSeconds(waitSeconds)));
        }

        return report;
    }

    private static async Task<object?[]> RunCaseAsync(int viewers, int length, TimeSpan modelLatency, TimeSpan waitLimit)
    {
        var time = TimeProvider.System;
        var gate = new object();
        var cooldowns = new CommandCooldowns(TimeSpan.FromSeconds(10), 20, TimeSpan.FromSeconds(10), time);
        var queue = new QuestionQueue(Slots, length, waitLimit, time);
        var outcomes = new Dictionary<string, string>(StringComparer.Ordinal);
        var twice = 0;
        var peak = 0;
        var latencies = new List<double>();
        var answers = new List<Task>();
        var askedAt = Stopwatch.GetTimestamp();

        void Record(string viewer, string outcome)
        {
            if (!outcomes.TryAdd(viewer, outcome))
            {
                twice++;
            }
        }

        void StartAnswers()
        {
            while (queue.TakeNext() is { } question)
            {
                answers.Add(AnswerAsync(question));
            }
        }

        async Task AnswerAsync(PendingQuestion question)
        {
            await Task.Delay(modelLatency);
            lock (gate)
            {
                latencies.Add(Stopwatch.GetElapsedTime(askedAt).TotalMilliseconds);
                Record(question.Sender, "answered");
                queue.Done(question.Sender);
                StartAnswers();
            }
        }

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var ask = new ChatCommand(ChatCommand.Ask, "what is the price of bitcoin going to do?");
        lock (gate)
        {
            for (var i = 0; i < viewers; i++)
            {
                var viewer = "viewer" + i;
                if (!cooldowns.TryUse(viewer, ask, moderator: false).Allowed)
                {
                    Record(viewer, "cooldown");
                    continue;
                }

                if (queue.Ask(viewer, ask.Argument).Outcome == QueueOutcome.Full)
                {
                    Record(viewer, "full");
                }

                peak = Math.Max(peak, queue.Waiting + queue.Answering);
                StartAnswers();
            }
        }

        var bytes = GC.GetTotalMemory(forceFullCollection: true) - before;

        // The grain's housekeeping timer: once a second, waiting questions past the wait limit are told to retry.
        while (true)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200));
            lock (gate)
            {
                foreach (var expired in queue.Expire())
                {
                    Record(expired.Sender, "expired");
                }

                if (queue.Waiting == 0 && queue.Answering == 0)
                {
                    break;
                }
            }
        }

        await Task.WhenAll(answers);
        var elapsed = Stopwatch.GetElapsedTime(askedAt).TotalSeconds;
        GC.KeepAlive(cooldowns);
        latencies.Sort();
        var answered = outcomes.Values.Count(o => o == "answered");
        if (outcomes.Count != viewers)
        {
            throw new InvalidOperationException($"{viewers - outcomes.Count} viewers got no outcome");
        }

        return
        [
            viewers, length, (int)modelLatency.TotalMilliseconds, waitLimit.TotalSeconds, answered,
            outcomes.Values.Count(o => o == "full"), outcomes.Values.Count(o => o == "expired"), twice, peak, bytes,
            Percentile(latencies, 0.5), Percentile(latencies, 0.99), Math.Round(elapsed, 2),
        ];
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))], 1);
}
