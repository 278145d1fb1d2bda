using System.Globalization;
using System.Net;
using System.Text;

namespace OrleansBots.Tests.Market;

/// <summary>
/// A Binance-shaped exchange on 127.0.0.1 and a free port: answers <c>/api/v3/ticker/price</c> and
/// <c>/api/v3/klines</c> (deterministic candles, see <see cref="KlinesBody"/>), counts requests, charges a price
/// <see cref="WeightPerRequest"/> and klines Binance's weight by limit in a per-minute window and sends the used
/// weight in <c>X-MBX-USED-WEIGHT-1M</c> (unless <see cref="SendsWeightHeader"/> is off). Over <see cref="WeightPerMinute"/> it answers 429 with <c>Retry-After</c>; while
/// banned (<see cref="Ban"/>) it answers 418 with the seconds left of the ban.
/// </summary>
public sealed class FakeExchange : IAsyncDisposable
{
    public const int WeightPerRequest = 2;

    /// <summary>Open time of the first candle of every klines answer: 2026-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset FirstOpenTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly LoopbackServer _server;
    private readonly Lock _gate = new();
    private long _minute;
    private int _usedWeight;
    private DateTimeOffset _bannedUntil;
    private int _requests;
    private int _requestsWhileBanned;
    private int _refusals;
    private int _klineRequests;
    private string? _lastKlinesQuery;

    public FakeExchange(int weightPerMinute = 6000)
    {
        WeightPerMinute = weightPerMinute;
        _server = new LoopbackServer(context =>
        {
            Answer(context);
            return Task.CompletedTask;
        });
    }

    public Uri BaseUrl => _server.BaseUrl;

    public int WeightPerMinute { get; }

    public decimal Price { get; set; } = 97000.10m;

    /// <summary>Whether answers carry <c>X-MBX-USED-WEIGHT-1M</c>.</summary>
    public bool SendsWeightHeader { get; set; } = true;

    /// <summary>How many requests (prices and klines) arrived.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>How many klines requests arrived (counted in <see cref="Requests"/> too).</summary>
    public int KlineRequests => Volatile.Read(ref _klineRequests);

    /// <summary>The query string of the latest klines request.</summary>
    public string? LastKlinesQuery => Volatile.Read(ref _lastKlinesQuery);

    /// <summary>Requests that arrived while a ban ran (each answered 418).</summary>
    public int RequestsWhileBanned => Volatile.Read(ref _requestsWhileBanned);

    /// <summary>Requests answered 429 or 418.</summary>
    public int Refusals => Volatile.Read(ref _refusals);

    /// <summary>When the current (or last) ban ends.</summary>
    public DateTimeOffset BannedUntil
    {
        get
        {
            lock (_gate)
            {
                return _bannedUntil;
            }
        }
    }

    /// <summary>Answers 418 to every request for <paramref name="duration"/>.</summary>
    public void Ban(TimeSpan duration)
    {
        lock (_gate)
        {
            _bannedUntil = DateTimeOffset.UtcNow + duration;
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private void Answer(HttpListenerContext context)
    {
        var response = context.Response;
        var path = context.Request.Url!.AbsolutePath;
        var query = context.Request.QueryString;
        var (status, retryAfter, used) = Decide(path, query);
        response.StatusCode = status;
        if (SendsWeightHeader)
        {
            response.Headers["X-MBX-USED-WEIGHT-1M"] = used.ToString(CultureInfo.InvariantCulture);
        }

        if (retryAfter > 0)
        {
            response.Headers["Retry-After"] = retryAfter.ToString(CultureInfo.InvariantCulture);
        }

        var symbol = query["symbol"] ?? string.Empty;
        var body = (status, path) switch
        {
            (200, "/api/v3/klines") => KlinesBody(IntervalOf(query["interval"]!), int.Parse(query["limit"]!, CultureInfo.InvariantCulture)),
            (200, _) => $"{{\"symbol\":\"{symbol}\",\"price\":\"{Price.ToString(CultureInfo.InvariantCulture)}\"}}",
            (400, _) => "{\"code\":-1100,\"msg\":\"Illegal characters found in a parameter.\"}",
            _ => $"{{\"code\":-1003,\"msg\":\"Too much request weight used ({status}).\"}}",
        };
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        response.OutputStream.Write(bytes);
        response.Close();
    }

    /// <summary>
    /// <paramref name="limit"/> candles of <paramref name="interval"/> from <see cref="FirstOpenTime"/>, in Binance's
    /// shape with all twelve fields: candle i opens at 100 + i, has high open + 2, low open − 1, closes at open + 1
    /// (written with trailing zeros, as Binance does) and trades volume 10 + i.
    /// </summary>
    public static string KlinesBody(TimeSpan interval, int limit)
    {
        var body = new StringBuilder("[");
        for (var i = 0; i < limit; i++)
        {
            var open = FirstOpenTime + (interval * i);
            var close = open + interval - TimeSpan.FromMilliseconds(1);
            body.Append(i == 0 ? "[" : ",[").Append(CultureInfo.InvariantCulture,
                $"{open.ToUnixTimeMilliseconds()},\"{100 + i}.00000000\",\"{102 + i}.00000000\",\"{99 + i}.00000000\",\"{101 + i}.00000000\",\"{10 + i}.50000000\",{close.ToUnixTimeMilliseconds()},\"1050.25\",{i + 1},\"5.25\",\"525.10\",\"0\"]");
        }

        return body.Append(']').ToString();
    }

    /// <summary>The length of a Binance interval (a month counts as 30 days here).</summary>
    public static TimeSpan IntervalOf(string interval) => interval[^1] switch
    {
        'm' => TimeSpan.FromMinutes(int.Parse(interval[..^1], CultureInfo.InvariantCulture)),
        'h' => TimeSpan.FromHours(int.Parse(interval[..^1], CultureInfo.InvariantCulture)),
        'd' => TimeSpan.FromDays(int.Parse(interval[..^1], CultureInfo.InvariantCulture)),
        'w' => TimeSpan.FromDays(7 * int.Parse(interval[..^1], CultureInfo.InvariantCulture)),
        'M' => TimeSpan.FromDays(30 * int.Parse(interval[..^1], CultureInfo.InvariantCulture)),
        _ => throw new FormatException($"Unknown interval {interval}"),
    };

    private static readonly HashSet<string> Intervals = new(StringComparer.Ordinal)
    {
        "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "3d", "1w", "1M",
    };

    private (int Status, int RetryAfter, int Used) Decide(string path, System.Collections.Specialized.NameValueCollection query)
    {
        lock (_gate)
        {
            var now = DateTimeOffset.UtcNow;
            var minute = now.ToUnixTimeSeconds() / 60;
            if (minute != _minute)
            {
                (_minute, _usedWeight) = (minute, 0);
            }

            int weight;
            if (path == "/api/v3/ticker/price")
            {
                weight = WeightPerRequest;
            }
            else if (path == "/api/v3/klines")
            {
                _klineRequests++;
                _lastKlinesQuery = string.Join('&', query.AllKeys.Select(key => $"{key}={query[key]}"));
                if (!Intervals.Contains(query["interval"] ?? string.Empty)
                    || !int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit is < 1 or > 1000)
                {
                    _requests++;
                    return (400, 0, _usedWeight);
                }

                weight = limit switch { < 100 => 1, < 500 => 2, _ => 5 };
            }
            else
            {
                return (404, 0, _usedWeight);
            }

            _requests++;
            _usedWeight += weight;
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
