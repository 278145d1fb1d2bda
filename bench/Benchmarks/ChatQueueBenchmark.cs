using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;
using OrleansBots.Bots;
using OrleansBots.Chat;
using OrleansBots.Storage;
using OrleansBots.Tests.Chat;

namespace OrleansBots.Benchmarks;

/// <summary>
/// 1,000 viewers ask a chat bot at once, through the real path: the fake Twitch-shaped IRC server relays their
/// <c>!ask</c> to the bot's <see cref="ChatLinkGrain"/> (one in-process silo), whose queue has 7 model slots (the seed's
/// <c>max_concurrent_users</c>) in front of the fake OpenAI-compatible model server answering after a fixed latency,
/// and whose replies go back over IRC. Reads every viewer's outcome from what the bot said in the channel: answered,
/// told the line is full, told to retry after the wait limit, or told the model is not answering; checks nobody got two
/// and nobody none; reports the highest place in line announced, the model's most concurrent requests, and the heap
/// growth once every question was taken in.
/// </summary>
public sealed partial class ChatQueueBenchmark : IBenchmark
{
    private const int Slots = 7;
    private const string Channel = "#bench";

    public string Name => "chatqueue";

    public async Task<Report> RunAsync(bool quick)
    {
        var report = new Report(Name,
        [
            "viewers", "queue_length", "model_ms", "wait_limit_s", "answered", "told_full", "told_expired", "told_model_out", "no_outcome",
            "outcomes_twice", "peak_place_in_line", "model_peak_in_flight", "heap_growth_bytes", "answer_p50_ms", "answer_p99_ms", "elapsed_s",
        ]);
        report.Notes.Add($"{Slots} model slots; every viewer sends '!ask ...' on the fake IRC server at the same moment; the fake model server answers after model_ms");
        report.Notes.Add("outcomes read from the bot's PRIVMSGs on the fake server; no_outcome and outcomes_twice must be 0");
        report.Notes.Add("send budget raised so the channel is not the bottleneck (Twitch's 20 or 100 per 30 s would take minutes for 1,000 replies)");
        report.Notes.Add("heap_growth_bytes: GC heap growth of the whole process (silo, both fake servers) once the bot took in every question");
        (int Viewers, int Length, int ModelMs, double WaitSeconds)[] cases = quick
            ? [(1_000, 100, 100, 5), (1_000, 1_000, 100, 5)]
            : [(1_000, 100, 100, 5), (1_000, 1_000, 100, 5), (1_000, 100, 1_000, 30)];
        foreach (var (viewers, length, modelMs, waitSeconds) in cases)
        {
            Console.WriteLine($"  {viewers:N0} viewers, line of {length}, model {modelMs} ms ...");
            report.Add(await RunCaseAsync(viewers, length, TimeSpan.FromMilliseconds(modelMs), TimeSpan.FromSeconds(waitSeconds)));
        }

        return report;
    }

    private static async Task<object?[]> RunCaseAsync(int viewers, int length, TimeSpan modelLatency, TimeSpan waitLimit)
    {
        await using var chat = await FakeChatServer.StartAsync();
        chat.MessagesPerWindow = chat.ModeratorMessagesPerWindow = int.MaxValue;
        await using var model = await FakeModelServer.StartAsync();
        (model.Behaviour, model.SlowDelay) = (ModelBehaviour.Slow, modelLatency);
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StateNames.Store);
            silo.Services.AddPlatform();
            silo.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            silo.Services.Configure<ChatOptions>(o =>
            {
                o.ServerUrl = chat.Url.ToString();
                o.CredentialKey = Convert.ToBase64String(new byte[32]);
                o.Models = [new ModelEndpointOptions { Url = model.Url, Model = "bench-model" }];
                o.MaxConcurrentUsers = Slots;
                o.QueueLength = length;
                o.QueueWaitLimit = waitLimit;
                o.MessagesPerWindow = o.ModeratorMessagesPerWindow = 1_000_000;
                o.OutboxLength = viewers * 3;
            });
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            var grains = cluster.Client;
            var bot = grains.GetGrain<IBotGrain>("bench-chat-bot");
            await bot.Create("bench-user", new BotDefinition("bench-chat-bot", BotKind.Chat, ["BTCUSDT"], 5, 5, 20, 0.01m));
            var link = grains.GetGrain<IChatLinkGrain>("bench-chat-bot");
            await link.Configure(new ChatLinkSettings(Channel, "benchbot", chat.Token, []));
            await bot.Start();
            await Poll.Until(async () => (await link.GetView())!.Stats.Joined, TimeSpan.FromSeconds(30), "the bot joined");

            var before = GC.GetTotalMemory(forceFullCollection: true);
            var askedAt = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, viewers).Select(i => chat.ViewerSaysAsync(Channel, "viewer" + i, $"!ask question {i}?")));
            await Poll.Until(async () => (await link.GetView())!.Stats.MessagesIn >= viewers, TimeSpan.FromSeconds(60), "every question taken in");
            var heapGrowth = GC.GetTotalMemory(forceFullCollection: true) - before;

            var outcomes = await CollectOutcomesAsync(chat, viewers, askedAt, waitLimit + TimeSpan.FromSeconds(30));
            var elapsed = Stopwatch.GetElapsedTime(askedAt).TotalSeconds;
            var finals = outcomes.Finals;
            var answeredMs = finals.Values.SelectMany(f => f).Where(f => f.Outcome == "answered").Select(f => f.AtMs).Order().ToList();
            return
            [
                viewers, length, (int)modelLatency.TotalMilliseconds, waitLimit.TotalSeconds,
                Count(finals, "answered"), Count(finals, "full"), Count(finals, "expired"), Count(finals, "model_out"),
                viewers - finals.Count, finals.Values.Count(f => f.Count > 1), outcomes.PeakPlace, model.PeakInFlight, heapGrowth,
                Percentile(answeredMs, 0.5), Percentile(answeredMs, 0.99), Math.Round(elapsed, 2),
            ];
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    /// <summary>Reads the channel every 20 ms until every viewer has a final outcome or the deadline passes; each line is stamped when first seen.</summary>
    private static async Task<(Dictionary<string, List<(string Outcome, double AtMs)>> Finals, int PeakPlace)> CollectOutcomesAsync(
        FakeChatServer chat, int viewers, long askedAt, TimeSpan within)
    {
        var finals = new Dictionary<string, List<(string Outcome, double AtMs)>>(StringComparer.Ordinal);
        var peakPlace = 0;
        var read = 0;
        var deadline = Stopwatch.GetTimestamp() + (long)(within.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var said = chat.Said(Channel);
            var now = Stopwatch.GetElapsedTime(askedAt).TotalMilliseconds;
            for (; read < said.Count; read++)
            {
                var line = said[read];
                var viewer = line[1..line.IndexOf(' ', StringComparison.Ordinal)];
                if (PlaceInLine().Match(line) is { Success: true } place)
                {
                    peakPlace = Math.Max(peakPlace, int.Parse(place.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
                    continue;
                }

                var outcome = line.Contains(" answer to: ", StringComparison.Ordinal) ? "answered"
                    : line.Contains("too many questions", StringComparison.Ordinal) ? "full"
                    : line.Contains("line for the model is too long", StringComparison.Ordinal) ? "expired"
                    : line.Contains("model is not answering", StringComparison.Ordinal) ? "model_out"
                    : "other: " + line;
                if (!finals.TryGetValue(viewer, out var seen))
                {
                    finals[viewer] = seen = [];
                }

                seen.Add((outcome, now));
            }

            if (finals.Count >= viewers)
            {
                break;
            }

            await Task.Delay(20);
        }

        return (finals, peakPlace);
    }

    private static int Count(Dictionary<string, List<(string Outcome, double AtMs)>> finals, string outcome) => finals.Values.Count(f => f[0].Outcome == outcome);

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))], 1);

    [GeneratedRegex(@"you are #(\d+) in line")]
    private static partial Regex PlaceInLine();
}
