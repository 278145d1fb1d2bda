using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using OrleansBots.Contracts;

namespace OrleansBots.Client;

/// <summary>
/// The one request path of both clients: the bearer token, snake_case JSON, lists followed page by page, and every
/// refusal turned into the typed exception that says what the platform said (<see cref="Refusal"/>).
/// </summary>
internal sealed class ApiConnection
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    private readonly HttpClient _http;
    private readonly string _token;

    public ApiConnection(HttpClient http, string token)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        _http = http;
        _token = token;
    }

    public async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendForContentAsync(method, path, body, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken))!;
    }

    /// <summary>The successful response (the caller disposes it); a refusal throws (<see cref="Refusal"/>).</summary>
    public async Task<HttpResponseMessage> SendForContentAsync(
        HttpMethod method, string path, object? body, CancellationToken cancellationToken,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead, Action<HttpRequestMessage>? prepare = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        prepare?.Invoke(request);
        var response = await _http.SendAsync(request, completion, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await Refusal(response, cancellationToken);
        }
    }

    /// <summary>
    /// Every item of a list endpoint, page after page: each page is <c>limit</c> items under
    /// <paramref name="itemsProperty"/>, and <c>next_cursor</c> (absent or null at the end) asks for the next.
    /// </summary>
    public async IAsyncEnumerable<T> EnumerateAsync<T>(
        string path, string itemsProperty, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 1000);
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        string? cursor = null;
        do
        {
            var page = $"{path}{separator}limit={pageSize}" + (cursor is null ? string.Empty : $"&cursor={Uri.EscapeDataString(cursor)}");
            using var document = await SendAsync<JsonDocument>(HttpMethod.Get, page, null, cancellationToken);
            var root = document.RootElement;
            foreach (var item in root.GetProperty(itemsProperty).EnumerateArray())
            {
                yield return item.Deserialize<T>(Json)!;
            }

            cursor = root.TryGetProperty("next_cursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);
    }

    /// <summary>A path segment (bot id, cache key, chart name) as it goes into a URL.</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);

    /// <summary>The exception that says what the platform refused and why, with the numbers it sent.</summary>
    public static async Task<OrleansBotsApiException> Refusal(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var error = await ReadErrorAsync(response, cancellationToken);
        var unexplained = response.ReasonPhrase ?? "request failed";
        var body = error is null ? new ErrorResponse(false, unexplained) : error.Error is null ? error with { Error = unexplained } : error;
        return OrleansBotsApiException.FromRefusal(response.StatusCode, body, RetryAfterOf(response));
    }

    /// <summary>The wait the server asked for in <c>Retry-After</c> (seconds or a date), if it did.</summary>
    public static TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static async Task<ErrorResponse?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<ErrorResponse>(Json, cancellationToken);
        }
        catch (Exception error) when (error is JsonException or NotSupportedException)
        {
            return null;
        }
    }
}
