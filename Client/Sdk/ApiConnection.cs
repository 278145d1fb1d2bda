using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansBots.Contracts;

namespace OrleansBots.Client;

/// <summary>
/// The one request path of both clients: the bearer token, snake_case JSON, and every refusal turned into an
/// <see cref="OrleansBotsApiException"/> with the platform's message, limit and retry hint.
/// </summary>
internal sealed class ApiConnection
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
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

    /// <summary>The successful response (the caller disposes it); a refusal throws <see cref="OrleansBotsApiException"/>.</summary>
    public async Task<HttpResponseMessage> SendForContentAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        var response = await _http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var error = await ReadErrorAsync(response, cancellationToken);
            throw new OrleansBotsApiException(response.StatusCode, error?.Error ?? response.ReasonPhrase ?? "request failed", error?.Limit, response.Headers.RetryAfter?.Delta);
        }
    }

    /// <summary>A path segment (bot id, cache key, chart name) as it goes into a URL.</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);

    private static async Task<ErrorResponse?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<ErrorResponse>(Json, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
