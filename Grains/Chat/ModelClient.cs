using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Polly;
using Polly.Timeout;
using OrleansBots.Market.Egress;

namespace OrleansBots.Chat;

/// <summary>
/// Asks OpenAI-compatible endpoints (<c>POST {url}/v1/chat/completions</c>) in priority order and returns the first
/// answer. Per endpoint: its <see cref="EndpointHealth"/> (shared by the silo) skips it while it is left alone and
/// makes it pass a probe (<c>GET {url}/v1/models</c>) after a failure; its own request limit, when it has one, is
/// taken from the cluster-wide egress budget of its host (<see cref="EgressBudget"/>, scope <c>endpoint:host:port</c>)
/// and a refusal moves on to the next endpoint; each attempt runs under a Polly timeout. Thread-safe; one per silo.
/// </summary>
public sealed class ModelClient(HttpClient http, EgressBudget egress, IOptions<ChatOptions> options, TimeProvider time, ILogger<ModelClient> logger)
{
    private readonly ChatOptions _options = options.Value;
    private readonly Dictionary<string, EndpointHealth> _health = new(StringComparer.OrdinalIgnoreCase);
    private readonly ResiliencePipeline _timeout = new ResiliencePipelineBuilder { TimeProvider = time }.AddTimeout(options.Value.ModelTimeout).Build();
    private readonly ResiliencePipeline _probeTimeout = new ResiliencePipelineBuilder { TimeProvider = time }.AddTimeout(options.Value.ModelProbeTimeout).Build();

    /// <summary>The silo's view of one endpoint.</summary>
    public EndpointHealth HealthOf(string url)
    {
        lock (_health)
        {
            if (!_health.TryGetValue(url, out var health))
            {
                health = new EndpointHealth(_options.ModelRetryDelay, _options.ModelRetryMaxDelay);
                _health[url] = health;
            }

            return health;
        }
    }

    public async Task<ModelAnswer> AskAsync(IReadOnlyList<ModelEndpointSettings> endpoints, string question, CancellationToken cancellationToken)
    {
        var tried = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var health = HealthOf(endpoint.Url);
            if (!health.MayTry(time.GetUtcNow(), out var needsProbe))
            {
                continue;
            }

            tried.Add(endpoint.Url);
            if (needsProbe && !await ProbeAsync(endpoint, health, cancellationToken))
            {
                continue;
            }

            if (endpoint.RequestsPerSecond > 0 && !(await egress.TryAcquireAsync(ScopeOf(endpoint), 1)).Granted)
            {
                continue;
            }

            if (await TryAskAsync(endpoint, health, question, cancellationToken) is { } text)
            {
                return new ModelAnswer(text, endpoint.Url, tried);
            }
        }

        return new ModelAnswer(null, null, tried);
    }

    /// <summary>The egress scope of a limited endpoint: its host and port (the key the market's budgets use) with its own rate.</summary>
    public static string ScopeOf(ModelEndpointSettings endpoint) => EgressScopes.WithRate(IRateLimiterGrain.ScopeOf(new Uri(endpoint.Url)), endpoint.RequestsPerSecond);

    private async Task<string?> TryAskAsync(ModelEndpointSettings endpoint, EndpointHealth health, string question, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["model"] = endpoint.Model,
            ["max_tokens"] = _options.ModelMaxTokens,
            ["stream"] = false,
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = _options.SystemPrompt },
                new JsonObject { ["role"] = "user", ["content"] = question }),
        };
        try
        {
            return await _timeout.ExecuteAsync(
                async token =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseOf(endpoint.Url), "v1/chat/completions")) { Content = JsonContent.Create(body) };
                    Authorize(request, endpoint);
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token);
                    return await ReadAnswerAsync(endpoint, health, response, token);
                },
                cancellationToken);
        }
        catch (Exception error) when (error is TimeoutRejectedException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var wait = health.Failed(time.GetUtcNow());
            logger.LogWarning("Model endpoint {Url} failed ({Error}); left alone for {Wait}", endpoint.Url, error.GetType().Name, wait);
            return null;
        }
    }

    private async Task<string?> ReadAnswerAsync(ModelEndpointSettings endpoint, EndpointHealth health, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (status is 429 or 503)
        {
            // Busy or still loading the model (LM Studio, llama.cpp answer 503 "Loading model"): not broken.
            var retryAfter = RetryAfterOf(response, time.GetUtcNow());
            health.Busy(time.GetUtcNow(), retryAfter);
            if (status == 429 && endpoint.RequestsPerSecond > 0)
            {
                await egress.ReportAsync(ScopeOf(endpoint), new EgressOutcome(429, null, retryAfter));
            }

            logger.LogInformation("Model endpoint {Url} is busy ({Status}); retry after {RetryAfter}", endpoint.Url, status, retryAfter);
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            var wait = health.Failed(time.GetUtcNow());
            logger.LogWarning("Model endpoint {Url} answered {Status}; left alone for {Wait}", endpoint.Url, status, wait);
            return null;
        }

        var text = ContentOf(await response.Content.ReadAsStringAsync(cancellationToken));
        if (string.IsNullOrWhiteSpace(text))
        {
            var wait = health.Failed(time.GetUtcNow());
            logger.LogWarning("Model endpoint {Url} answered without choices[0].message.content; left alone for {Wait}", endpoint.Url, wait);
            return null;
        }

        health.Succeeded();
        return text.Trim();
    }

    /// <summary>A failed endpoint is asked for its models first: a passing answer brings it back; a failing one doubles its wait.</summary>
    private async Task<bool> ProbeAsync(ModelEndpointSettings endpoint, EndpointHealth health, CancellationToken cancellationToken)
    {
        try
        {
            var passed = await _probeTimeout.ExecuteAsync(
                async token =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseOf(endpoint.Url), "v1/models"));
                    Authorize(request, endpoint);
                    using var response = await http.SendAsync(request, token);
                    return response.IsSuccessStatusCode;
                },
                cancellationToken);
            if (passed)
            {
                health.Succeeded();
                logger.LogInformation("Model endpoint {Url} passed its health probe", endpoint.Url);
                return true;
            }
        }
        catch (Exception error) when (error is TimeoutRejectedException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Failed like a refused probe, below.
        }

        health.Failed(time.GetUtcNow());
        return false;
    }

    private static void Authorize(HttpRequestMessage request, ModelEndpointSettings endpoint)
    {
        if (endpoint.ApiKey is { Length: > 0 } key)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
    }

    /// <summary>The endpoint's base with a closing slash, so that relative paths go under it (<c>http://host/llm/</c> + <c>v1/models</c>); a given <c>/v1</c> is dropped.</summary>
    private static Uri BaseOf(string url)
    {
        var trimmed = url.TrimEnd('/');
        if (trimmed.EndsWith("/v1", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[..^3];
        }

        return new Uri(trimmed + "/");
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response, DateTimeOffset now) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - now,
        _ => null,
    };

    /// <summary>choices[0].message.content of a chat completion; null when the body is not one.</summary>
    private static string? ContentOf(string json)
    {
        try
        {
            return JsonNode.Parse(json)?["choices"]?[0]?["message"]?["content"]?.GetValue<string>();
        }
        catch (Exception error) when (error is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
