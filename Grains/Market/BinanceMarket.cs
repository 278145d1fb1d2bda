using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using OrleansBots.Cache;
using OrleansBots.Market.Egress;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace OrleansBots.Market;

/// <summary>
/// Live prices and candles from a Binance-shaped REST API (<c>GET {base}/api/v3/ticker/price?symbol=...</c> and
/// <c>GET {base}/api/v3/klines?symbol=...&amp;interval=...&amp;limit=...</c>). An answer is served from the
/// distributed cache for <see cref="MarketOptions.PriceTtlSeconds"/>; a miss is coalesced, so every bot of this
/// silo that wants the same symbol (and interval and limit) shares one fetch. Each attempt of a fetch first takes its weight
/// from the endpoint's cluster-wide budget (<see cref="EgressBudget"/>) and reports the exchange's answer back;
/// around that, Polly retries failures with jittered backoff, times out each attempt and breaks the circuit
/// of this silo while the exchange keeps failing. Refusals of the budget and the exchange's 429 and 418 are not
/// retried: they become <see cref="MarketUnavailableException"/> at once.
/// </summary>
public sealed class BinanceMarket : IMarketData, IDisposable
{
    public const string UsedWeightHeader = "X-MBX-USED-WEIGHT-1M";

    /// <summary>The largest <c>limit</c> of a klines request Binance accepts.</summary>
    public const int MaxKlinesLimit = 1000;

    private const string PricePath = "/api/v3/ticker/price";

    /// <summary>Binance's kline intervals (case matters: <c>1m</c> is a minute, <c>1M</c> a month).</summary>
    public static readonly IReadOnlySet<string> KlineIntervals = new HashSet<string>(StringComparer.Ordinal)
    {
        "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "3d", "1w", "1M",
    };

    private readonly ShardedCache _cache;
    private readonly EgressBudget _budget;
    private readonly MarketInstruments _instruments;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly ResiliencePipeline _pipeline;
    private readonly string _scope;
    private readonly TimeSpan _ttl;
    private readonly int _priceWeight = WeightTable.Binance.WeightOf(PricePath);
    private readonly AdaptiveConcurrency _concurrency = new();

    public BinanceMarket(ShardedCache cache, EgressBudget budget, MarketInstruments instruments, IOptions<MarketOptions> options, TimeProvider time)
    {
        var market = options.Value;
        _instruments = instruments;
        _cache = cache;
        _budget = budget;
        _time = time;
        _scope = IRateLimiterGrain.ScopeOf(market.BaseUrl);
        _ttl = TimeSpan.FromSeconds(market.PriceTtlSeconds);
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
        {
            BaseAddress = market.BaseUrl,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _pipeline = Pipeline(market, time);
    }

    public async ValueTask<decimal> PriceAsync(string symbol, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        var key = $"market:price:{_scope}:{symbol.ToUpperInvariant()}";
        symbol = symbol.ToUpperInvariant();
        var bytes = await _cache.GetOrAddAsync(
            key,
            _ => FetchAsync($"the price of {symbol}", $"{PricePath}?symbol={Uri.EscapeDataString(symbol)}", _priceWeight, ReadPriceAsync),
            _ttl);
        return decimal.Parse(Encoding.UTF8.GetString(bytes), NumberStyles.Number, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The latest <paramref name="limit"/> candles of <paramref name="symbol"/> at <paramref name="interval"/>, oldest
    /// first. Bad arguments throw before any request; the request costs <see cref="WeightTable.WeightOf(string, int)"/>
    /// of the budget and is cached and coalesced like a price (key: symbol, interval and limit).
    /// </summary>
    /// <exception cref="ArgumentException">Empty symbol or an interval Binance does not know.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> outside 1–<see cref="MaxKlinesLimit"/>.</exception>
    /// <exception cref="MarketUnavailableException">The budget or the exchange refused, or the exchange failed.</exception>
    public async ValueTask<IReadOnlyList<Kline>> KlinesAsync(string symbol, string interval, int limit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        ArgumentNullException.ThrowIfNull(interval);
        if (!KlineIntervals.Contains(interval))
        {
            throw new ArgumentException($"'{interval}' is not a Binance kline interval ({string.Join(", ", KlineIntervals)})", nameof(interval));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxKlinesLimit);
        symbol = symbol.ToUpperInvariant();
        var key = $"market:klines:{_scope}:{symbol}:{interval}:{limit.ToString(CultureInfo.InvariantCulture)}";
        var uri = $"{WeightTable.KlinesPath}?symbol={Uri.EscapeDataString(symbol)}&interval={interval}&limit={limit.ToString(CultureInfo.InvariantCulture)}";
        var weight = WeightTable.Binance.WeightOf(WeightTable.KlinesPath, limit);
        var bytes = await _cache.GetOrAddAsync(key, _ => FetchAsync($"the klines of {symbol}", uri, weight, ReadKlinesAsync), _ttl);
        return ParseKlines(bytes);
    }

    /// <summary>
    /// Parses a Binance klines answer (an array of arrays <c>[open_time, "open", "high", "low", "close", "volume",
    /// close_time, ...]</c>, times in Unix milliseconds); fields after the seventh are ignored.
    /// </summary>
    /// <exception cref="JsonException">Not JSON or not shaped like klines.</exception>
    /// <exception cref="FormatException">A price or volume that is not a decimal number.</exception>
    public static IReadOnlyList<Kline> ParseKlines(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException($"klines: expected an array, got {root.ValueKind}");
        }

        var klines = new List<Kline>(root.GetArrayLength());
        foreach (var row in root.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() < 7)
            {
                throw new JsonException("klines: each kline must be an array of at least 7 fields");
            }

            klines.Add(new Kline(
                Time(row[0]),
                Number(row[1]),
                Number(row[2]),
                Number(row[3]),
                Number(row[4]),
                Number(row[5]),
                Time(row[6])));
        }

        return klines;

        static DateTimeOffset Time(JsonElement field) =>
            field.ValueKind == JsonValueKind.Number && field.TryGetInt64(out var millis)
                && millis >= DateTimeOffset.MinValue.ToUnixTimeMilliseconds() && millis <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
                ? DateTimeOffset.FromUnixTimeMilliseconds(millis)
                : throw new JsonException($"klines: expected a time in Unix milliseconds, got {field}");

        static decimal Number(JsonElement field) => field.ValueKind switch
        {
            JsonValueKind.String => decimal.Parse(field.GetString()!, NumberStyles.Number, CultureInfo.InvariantCulture),
            JsonValueKind.Number => field.GetDecimal(),
            _ => throw new JsonException($"klines: expected a number or a string, got {field.ValueKind}"),
        };
    }

    /// <summary>The compact form klines are cached in: the first seven fields of Binance's own shape.</summary>
    public static byte[] SerializeKlines(IReadOnlyList<Kline> klines)
    {
        using var buffer = new MemoryStream(64 + (klines.Count * 96));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var kline in klines)
            {
                writer.WriteStartArray();
                writer.WriteNumberValue(kline.OpenTime.ToUnixTimeMilliseconds());
                writer.WriteStringValue(kline.Open.ToString(CultureInfo.InvariantCulture));
                writer.WriteStringValue(kline.High.ToString(CultureInfo.InvariantCulture));
                writer.WriteStringValue(kline.Low.ToString(CultureInfo.InvariantCulture));
                writer.WriteStringValue(kline.Close.ToString(CultureInfo.InvariantCulture));
                writer.WriteStringValue(kline.Volume.ToString(CultureInfo.InvariantCulture));
                writer.WriteNumberValue(kline.CloseTime.ToUnixTimeMilliseconds());
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        return buffer.ToArray();
    }

    /// <summary>This silo's outgoing calls to the exchange: adaptive concurrency limit, success rate and latency.</summary>
    public ConcurrencyStats Concurrency => _concurrency.Stats;

    public void Dispose() => _http.Dispose();

    /// <summary>Retry (outermost) → circuit breaker → timeout per attempt → the attempt (budget, request, report).</summary>
    private static ResiliencePipeline Pipeline(MarketOptions market, TimeProvider time)
    {
        var transient = new PredicateBuilder()
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>();
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (market.Retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = transient,
                MaxRetryAttempts = market.Retries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(200),
                UseJitter = true,
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = transient,
                FailureRatio = 0.5,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = TimeSpan.FromSeconds(5),
            })
            .AddTimeout(market.RequestTimeout)
            .Build();
    }

    private static async Task<byte[]> ReadPriceAsync(Stream body, CancellationToken token)
    {
        using var json = await JsonDocument.ParseAsync(body, cancellationToken: token);
        var price = json.RootElement.GetProperty("price").GetString() ?? throw new FormatException("price is null");
        _ = decimal.Parse(price, NumberStyles.Number, CultureInfo.InvariantCulture);
        return Encoding.UTF8.GetBytes(price);
    }

    private static async Task<byte[]> ReadKlinesAsync(Stream body, CancellationToken token)
    {
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, token);
        return SerializeKlines(ParseKlines(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
    }

    /// <summary>Fetches <paramref name="uri"/> through the pipeline; <paramref name="what"/> names it in errors.</summary>
    private async Task<byte[]> FetchAsync(string what, string uri, int weight, Func<Stream, CancellationToken, Task<byte[]>> read)
    {
        try
        {
            return await _pipeline.ExecuteAsync(async token => await AttemptAsync(what, uri, weight, read, token), CancellationToken.None);
        }
        catch (BrokenCircuitException error)
        {
            throw new MarketUnavailableException($"The exchange at {_scope} keeps failing; its circuit is open", error.RetryAfter ?? TimeSpan.Zero, error);
        }
        catch (Exception error) when (error is HttpRequestException or TimeoutRejectedException or JsonException or FormatException or OverflowException)
        {
            throw new MarketUnavailableException($"No answer for {what} from {_scope}: {error.Message}", TimeSpan.Zero, error);
        }
    }

    private async Task<byte[]> AttemptAsync(string what, string uri, int weight, Func<Stream, CancellationToken, Task<byte[]>> read, CancellationToken token)
    {
        var grant = await _budget.TryAcquireAsync(_scope, weight);
        if (!grant.Granted)
        {
            _instruments.RefusedByBudget();
            throw new MarketUnavailableException($"The egress budget of {_scope} refused ({grant.State}); retry in {grant.RetryAfter}", grant.RetryAfter);
        }

        HttpResponseMessage response;
        await _concurrency.EnterAsync(token);
        var started = _time.GetTimestamp();
        try
        {
            response = await _http.GetAsync(uri, HttpCompletionOption.ResponseContentRead, token);
        }
        catch (Exception error) when (error is HttpRequestException or OperationCanceledException)
        {
            _concurrency.Exit(_time.GetElapsedTime(started), succeeded: false);
            _instruments.Request(_time.GetElapsedTime(started), succeeded: false);
            await _budget.ReportAsync(_scope, EgressOutcome.NoAnswer);
            throw;
        }

        // Refusals and server errors count as failures for the concurrency limit, like timeouts.
        var status = (int)response.StatusCode;
        var elapsed = _time.GetElapsedTime(started);
        _concurrency.Exit(elapsed, succeeded: status < 500 && status is not 429 and not 418);
        _instruments.Request(elapsed, succeeded: response.IsSuccessStatusCode);

        using (response)
        {
            var outcome = OutcomeOf(response);
            await _budget.ReportAsync(_scope, outcome);
            if (response.StatusCode is HttpStatusCode.TooManyRequests || (int)response.StatusCode == 418)
            {
                _instruments.RefusedByExchange();
                throw new MarketUnavailableException(
                    $"The exchange at {_scope} answered {(int)response.StatusCode}; retry after {outcome.RetryAfter}", outcome.RetryAfter ?? TimeSpan.Zero);
            }

            if ((int)response.StatusCode >= 500)
            {
                throw new HttpRequestException($"The exchange answered {(int)response.StatusCode}", null, response.StatusCode);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new MarketUnavailableException($"The exchange refused {what}: {(int)response.StatusCode}", TimeSpan.Zero);
            }

            return await read(await response.Content.ReadAsStreamAsync(token), token);
        }
    }

    private EgressOutcome OutcomeOf(HttpResponseMessage response)
    {
        int? used = response.Headers.TryGetValues(UsedWeightHeader, out var values)
            && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var weight)
                ? weight
                : null;
        TimeSpan? retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - _time.GetUtcNow() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero,
            _ => null,
        };
        return new EgressOutcome((int)response.StatusCode, used, retryAfter);
    }
}
