using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using OrleansBots.Caching;
using OrleansBots.RateLimiting;

namespace OrleansBots.Market;

/// <summary>
/// Live prices from a Binance-shaped REST API (<c>GET {base}/api/v3/ticker/price?symbol=...</c>). A price is
/// served from the distributed cache for <see cref="MarketOptions.PriceTtlSeconds"/>; a miss is coalesced, so
/// every bot of this silo that wants the symbol shares one fetch. Each attempt of a fetch first takes its weight
/// from the endpoint's cluster-wide budget (<see cref="EgressBudget"/>) and reports the exchange's answer back;
/// around that, Polly retries failures with jittered backoff, times out each attempt and breaks the circuit
/// of this silo while the exchange keeps failing. Refusals of the budget and the exchange's 429 and 418 are not
/// retried: they become <see cref="MarketUnavailableException"/> at once.
/// </summary>
public sealed class BinanceMarket : IMarketData, IDisposable
{
    public const string UsedWeightHeader = "X-MBX-USED-WEIGHT-1M";

    private const string PricePath = "/api/v3/ticker/price";

    private readonly ShardedCache _cache;
    private readonly EgressBudget _budget;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly ResiliencePipeline _pipeline;
    private readonly string _scope;
    private readonly TimeSpan _ttl;
    private readonly int _priceWeight = WeightTable.Binance.WeightOf(PricePath);
    private readonly AdaptiveConcurrency _concurrency = new();

    public BinanceMarket(ShardedCache cache, EgressBudget budget, IOptions<MarketOptions> options, TimeProvider time)
    {
        var market = options.Value;
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
        var bytes = await _cache.GetOrAddAsync(key, _ => FetchAsync(symbol.ToUpperInvariant()), _ttl);
        return decimal.Parse(Encoding.UTF8.GetString(bytes), NumberStyles.Number, CultureInfo.InvariantCulture);
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

    private async Task<byte[]> FetchAsync(string symbol)
    {
        try
        {
            return await _pipeline.ExecuteAsync(async token => await AttemptAsync(symbol, token), CancellationToken.None);
        }
        catch (BrokenCircuitException error)
        {
            throw new MarketUnavailableException($"The exchange at {_scope} keeps failing; its circuit is open", error.RetryAfter ?? TimeSpan.Zero, error);
        }
        catch (Exception error) when (error is HttpRequestException or TimeoutRejectedException or JsonException or FormatException)
        {
            throw new MarketUnavailableException($"No price of {symbol} from {_scope}: {error.Message}", TimeSpan.Zero, error);
        }
    }

    private async Task<byte[]> AttemptAsync(string symbol, CancellationToken token)
    {
        var grant = await _budget.TryAcquireAsync(_scope, _priceWeight);
        if (!grant.Granted)
        {
            throw new MarketUnavailableException($"The egress budget of {_scope} refused ({grant.State}); retry in {grant.RetryAfter}", grant.RetryAfter);
        }

        HttpResponseMessage response;
        await _concurrency.EnterAsync(token);
        var started = _time.GetTimestamp();
        try
        {
            response = await _http.GetAsync($"{PricePath}?symbol={Uri.EscapeDataString(symbol)}", HttpCompletionOption.ResponseContentRead, token);
        }
        catch (Exception error) when (error is HttpRequestException or OperationCanceledException)
        {
            _concurrency.Exit(_time.GetElapsedTime(started), succeeded: false);
            await _budget.ReportAsync(_scope, EgressOutcome.NoAnswer);
            throw;
        }

        // Refusals and server errors count as failures for the concurrency limit, like timeouts.
        var status = (int)response.StatusCode;
        _concurrency.Exit(_time.GetElapsedTime(started), succeeded: status < 500 && status is not 429 and not 418);

        using (response)
        {
            var outcome = OutcomeOf(response);
            await _budget.ReportAsync(_scope, outcome);
            if (response.StatusCode is HttpStatusCode.TooManyRequests || (int)response.StatusCode == 418)
            {
                throw new MarketUnavailableException(
                    $"The exchange at {_scope} answered {(int)response.StatusCode}; retry after {outcome.RetryAfter}", outcome.RetryAfter ?? TimeSpan.Zero);
            }

            if ((int)response.StatusCode >= 500)
            {
                throw new HttpRequestException($"The exchange answered {(int)response.StatusCode}", null, response.StatusCode);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new MarketUnavailableException($"The exchange refused the price of {symbol}: {(int)response.StatusCode}", TimeSpan.Zero);
            }

            using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(token));
            var price = json.RootElement.GetProperty("price").GetString() ?? throw new FormatException("price is null");
            _ = decimal.Parse(price, NumberStyles.Number, CultureInfo.InvariantCulture);
            return Encoding.UTF8.GetBytes(price);
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
