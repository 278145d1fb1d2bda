using System.Reflection;
using System.Text.Json;

namespace OrleansBots.Silo.Api;

/// <summary>
/// Reads a request body into <typeparamref name="T"/> and, when it cannot, says which field is wrong:
/// malformed JSON, a field the endpoint does not know, or a value of the wrong type.
/// </summary>
public static class JsonBody<T>
    where T : class
{
    private const int MaxBytes = 64 * 1024;

    private static readonly HashSet<string> KnownFields = typeof(T)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Select(p => ApiJson.Options.PropertyNamingPolicy!.ConvertName(p.Name))
        .ToHashSet(StringComparer.Ordinal);

    public static async Task<(T? Value, IResult? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxBytes)
        {
            return (null, ApiResults.BadRequest($"Request body is larger than {MaxBytes} bytes"));
        }

        if (buffer.Length == 0)
        {
            return (null, ApiResults.BadRequest("Request body is empty: send a JSON object"));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException error)
        {
            return (null, ApiResults.BadRequest($"Malformed JSON at line {error.LineNumber + 1}, byte {error.BytePositionInLine + 1}"));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, ApiResults.BadRequest("Request body must be a JSON object"));
            }

            var unknown = document.RootElement.EnumerateObject().Select(p => p.Name).FirstOrDefault(name => !KnownFields.Contains(name));
            if (unknown is not null)
            {
                return (null, ApiResults.BadRequest($"Unknown field '{unknown}'; known fields: {string.Join(", ", KnownFields.Order())}"));
            }

            try
            {
                var value = document.RootElement.Deserialize<T>(ApiJson.Options);
                return value is null ? (null, ApiResults.BadRequest("Request body must be a JSON object")) : (value, null);
            }
            catch (JsonException error)
            {
                var field = error.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body";
                return (null, ApiResults.BadRequest($"Field '{field}' has the wrong type or is out of range"));
            }
        }
    }
}
