using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansBots.Contracts;
using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Chaos;

/// <summary>
/// Reads every watched bot, each on its own, through the user API of the silos that are up, round robin, every
/// <see cref="PollPeriod"/>, and the platform's capacity every two seconds. Counts what a client would mind:
/// 5xx answers (and requests left unanswered) from silos that stayed up the whole time, capacity over its
/// maximum, and extra bots admitted beyond it.
/// </summary>
public sealed class TickWatch(ChaosCluster cluster, IReadOnlyList<WatchedBot> bots, IReadOnlyList<WatchedBot> extras, TimeSpan pollPeriod) : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly List<Task> _loops = [];
    private int _next;
    private long _requests;
    private long _serverErrors;
    private long _unanswered;
    private long _slow;
    private long _abandoned;
    private long _extraAdmitted;
    private int _maxCurrentBots;
    private int _overAdmissions;

    public TimeSpan PollPeriod => pollPeriod;

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>5xx answers from silos that were up and undisturbed from request to answer.</summary>
    public long ServerErrors => Interlocked.Read(ref _serverErrors);

    /// <summary>Requests to silos that stayed up that got no answer within the client's timeout.</summary>
    public long Unanswered => Interlocked.Read(ref _unanswered);

    /// <summary>Answers from silos that stayed up that took longer than <see cref="SlowAnswer"/> (a call waiting on a frozen silo).</summary>
    public long SlowAnswers => Interlocked.Read(ref _slow);

    public static readonly TimeSpan SlowAnswer = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Requests given up because the harness disturbed their silo while they were in flight (a bot read then is read
    /// through another silo in the next pass). Before, a reading in flight to a silo as it was frozen held its reader for
    /// the 20 s of the freeze, so the bots read after it were first seen ticking only when the silo woke.
    /// </summary>
    public long Abandoned => Interlocked.Read(ref _abandoned);

    /// <summary><see cref="Abandoned"/> by what the harness did to the silo (frozen, stopping, down).</summary>
    public IReadOnlyDictionary<SiloCondition, int> AbandonedBy => _abandonedBy.ToDictionary();

    private readonly ConcurrentDictionary<SiloCondition, int> _abandonedBy = new();

    public long ExtraAdmitted => Interlocked.Read(ref _extraAdmitted);

    public int MaxCurrentBots => Volatile.Read(ref _maxCurrentBots);

    /// <summary>Times the capacity endpoint reported more running bots than the maximum.</summary>
    public int OverAdmissions => Volatile.Read(ref _overAdmissions);

    public IReadOnlyList<string> FailureSamples => [.. _failures.Take(20)];

    public void Start()
    {
        // One loop per bot: a reading that waits (a survivor's API calling a grain on a frozen silo until that silo is
        // declared dead) holds back only its own bot. With eight readers taking turns over their bots, one such reading
        // kept every bot of its reader unread, and a freeze showed every bot of the cluster as late.
        for (var i = 0; i < bots.Count; i++)
        {
            var bot = bots[i];
            var offset = pollPeriod * i / bots.Count;
            _loops.Add(Task.Run(() => PollAsync(bot, offset)));
        }

        _loops.Add(Task.Run(WatchCapacityAsync));
        _loops.Add(Task.Run(TryExtraStartsAsync));
    }

    public async Task StopAsync()
    {
        _stop.Cancel();
        await Task.WhenAll(_loops).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
    }

    private async Task PollAsync(WatchedBot bot, TimeSpan offset)
    {
        await Task.Delay(offset, _stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        while (!_stop.IsCancellationRequested)
        {
            var pass = Task.Delay(pollPeriod, _stop.Token);
            var view = await CallAsync<BotView>(HttpMethod.Get, $"api/bots/{bot.BotId}", bot.ApiKey);
            if (view is not null)
            {
                bot.Saw(view.LastTickAt, view.Ticks, view.Restarts, view.TradesTotal, view.Silo);
            }

            await pass.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task WatchCapacityAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var capacity = await CallAsync<CapacityResponse>(HttpMethod.Get, "api/admin/capacity", SiloEnvironment.AdminToken);
            if (capacity is not null)
            {
                var current = capacity.Capacity.CurrentBots;
                InterlockedMax(ref _maxCurrentBots, current);
                if (current > capacity.Capacity.MaxBots)
                {
                    Interlocked.Increment(ref _overAdmissions);
                    _failures.Enqueue($"capacity {current}/{capacity.Capacity.MaxBots}");
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(2), _stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>The platform is full with the watched bots: every extra start must be refused.</summary>
    private async Task TryExtraStartsAsync()
    {
        var turn = 0;
        while (!_stop.IsCancellationRequested && extras.Count > 0)
        {
            var extra = extras[turn++ % extras.Count];
            var started = await CallAsync<BotView>(HttpMethod.Post, $"api/bots/{extra.BotId}/start", extra.ApiKey);
            if (started is not null)
            {
                Interlocked.Increment(ref _extraAdmitted);
                _failures.Enqueue($"extra bot {extra.BotId} admitted on a full platform");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), _stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task<T?> CallAsync<T>(HttpMethod method, string path, string token)
        where T : class
    {
        var up = cluster.Up.ToList();
        if (up.Count == 0)
        {
            return null;
        }

        var silo = up[(int)((uint)Interlocked.Increment(ref _next) % up.Count)];
        var untilDisturbed = silo.UntilDisturbed;
        var disturbances = silo.Disturbances;
        var baseAddress = silo.Process.BaseAddress;
        Interlocked.Increment(ref _requests);
        using var request = new HttpRequestMessage(method, new Uri(baseAddress, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var sent = DateTimeOffset.UtcNow;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, untilDisturbed);
        try
        {
            using var response = await _http.SendAsync(request, cancel.Token);
            if (DateTimeOffset.UtcNow - sent > SlowAnswer && Undisturbed(silo, disturbances))
            {
                Interlocked.Increment(ref _slow);
            }

            if (response.IsSuccessStatusCode)
            {
                return await response.Content.ReadFromJsonAsync<T>(Json, cancel.Token);
            }

            var body = await response.Content.ReadAsStringAsync(cancel.Token);
            if ((int)response.StatusCode >= 500 && !IsFullPlatform(response.StatusCode, body) && Undisturbed(silo, disturbances))
            {
                Interlocked.Increment(ref _serverErrors);
                _failures.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {method} {path} → {(int)response.StatusCode} from {silo.Name}: {body}");
            }
        }
        catch (OperationCanceledException) when (untilDisturbed.IsCancellationRequested && !_stop.IsCancellationRequested)
        {
            Interlocked.Increment(ref _abandoned);
            _abandonedBy.AddOrUpdate(silo.Condition, 1, (_, n) => n + 1);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException && !_stop.IsCancellationRequested)
        {
            if (Undisturbed(silo, disturbances))
            {
                Interlocked.Increment(ref _unanswered);
                _failures.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {method} {path} unanswered by {silo.Name}: {error.Message}");
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        return null;
    }

    private static bool IsFullPlatform(HttpStatusCode status, string body) =>
        status == HttpStatusCode.ServiceUnavailable && body.Contains("Server full", StringComparison.Ordinal);

    private static bool Undisturbed(ChaosSilo silo, int disturbancesBefore) => silo.IsUp && silo.Disturbances == disturbancesBefore;

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
