using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OrleansBots.Tests.Market;

/// <summary>
/// A Binance-shaped exchange on 127.0.0.1 and a free port: answers <c>/api/v3/ticker/price</c>, counts requests,
/// charges each <see cref="WeightPerRequest"/> in a per-minute window and sends the used weight in
/// <c>X-MBX-USED-WEIGHT-1M</c>. Over <see cref="WeightPerMinute"/> it answers 429 with <c>Retry-After</c>; while
/// banned (<see cref="Ban"/>) it answers 418 with the seconds left of the ban.
/// </summary>
public sealed class FakeExchange : IAsyncDisposable
{
    public const int WeightPerRequest = 2;

    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private readonly Lock _gate = new();
    private long _minute;
    private int _usedWeight;
    private DateTimeOffset _bannedUntil;
    private int _requests;
    private int _requestsWhileBanned;
    private int _refusals;

    public FakeExchange(int weightPerMinute = 6000)
    {
        WeightPerMinute = weightPerMinute;
        BaseUrl = new Uri($"http://127.0.0.1:{FreePort()}/");
        _listener.Prefixes.Add(BaseUrl.ToString());
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public Uri BaseUrl { get; }

    public int WeightPerMinute { get; }

    public decimal Price { get; set; } = 97000.10m;

    /// <summary>How many price requests arrived.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Requests that arrived while a ban ran (each answered 418).</summary>
    public int RequestsWhileBanned => Volatile.Read(ref _requestsWhileBanned);

    /// <summary>Requests answered 429 or 418.</summary>
    public int Refusals => Volatile.Read(ref _refusals);

    /// <summary>Answers 418 to every request for <paramref name="duration"/>.</summary>
    public void Ban(TimeSpan duration)
    {
        lock (_gate)
        {
            _bannedUntil = DateTimeOffset.UtcNow + duration;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception error) when (error is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Answer(context);
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var response = context.Response;
        var (status, retryAfter, used) = Decide(context.Request.Url!.AbsolutePath);
        response.StatusCode = status;
        response.Headers["X-MBX-USED-WEIGHT-1M"] = used.ToString(CultureInfo.InvariantCulture);
        if (retryAfter > 0)
        {
            response.Headers["Retry-After"] = retryAfter.ToString(CultureInfo.InvariantCulture);
        }

        var symbol = context.Request.QueryString["symbol"] ?? string.Empty;
        var body = status == 200
            ? $"{{\"symbol\":\"{symbol}\",\"price\":\"{Price.ToString(CultureInfo.InvariantCulture)}\"}}"
            : $"{{\"code\":-1003,\"msg\":\"Too much request weight used ({status}).\"}}";
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        response.OutputStream.Write(bytes);
        response.Close();
    }

    private (int Status, int RetryAfter, int Used) Decide(string path)
    {
        lock (_gate)
        {
            var now = DateTimeOffset.UtcNow;
            var minute = now.ToUnixTimeSeconds() / 60;
            if (minute != _minute)
            {
                (_minute, _usedWeight) = (minute, 0);
            }

            if (path != "/api/v3/ticker/price")
            {
                return (404, 0, _usedWeight);
            }

            _requests++;
            _usedWeight += WeightPerRequest;
            if (now < _bannedUntil)
            {
                _requestsWhileBanned++;
                _refusals++;
                return (418, (int)Math.Ceiling((_bannedUntil - now).TotalSeconds), _usedWeight);
            }

            if (_usedWeight > WeightPerMinute)
            {
                _refusals++;
                return (429, 60 - (int)(now.ToUnixTimeSeconds() % 60), _usedWeight);
            }

            return (200, 0, _usedWeight);
        }
    }
}
