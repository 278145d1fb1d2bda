using System.Reflection;
using System.Text.Json;

namespace OrleansBots.Silo.Api;

/// <summary>
/// Reads a request body into <typeparamref name="T"/> and, when it cannot, says which field is wrong:
/// malformed JSON, a field the endpoint does not know, or a value of the wrong type. Also tells which
/// fields were present, so that a partial update can keep the others.
/// </summary>
public static class JsonBody<T>
    where T : class
{
    public const int MaxBytes = 64 * 1024;

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private static readonly HashSet<string> KnownFields = typeof(T)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Select(p => ApiJson.Options.PropertyNamingPolicy!.ConvertName(p.Name))
        .ToHashSet(StringComparer.Ordinal);

    public static async Task<(T? Value, BodyRefusal? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (value, error, _) = await ReadWithFieldsAsync(request, cancellationToken);
        return (value, error);
    }

    public static async Task<(T? Value, BodyRefusal? Error, IReadOnlySet<string> Fields)> ReadWithFieldsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var none = new HashSet<string>();
        var body = await ReadBoundedAsync(request.Body, cancellationToken);
        if (body is null)
        {
            return (null, BodyRefusal.TooLarge($"Request body is larger than {MaxBytes} bytes"), none);
        }

        var json = body.AsMemory();
        if (json.Span.StartsWith(Utf8Bom))
        {
            json = json[Utf8Bom.Length..];
        }

        if (json.IsEmpty)
        {
            return (null, BodyRefusal.BadRequest("Request body is empty: send a JSON object"), none);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException error)
        {
            return (null, BodyRefusal.BadRequest($"Malformed JSON at line {error.LineNumber + 1}, byte {error.BytePositionInLine + 1}"), none);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, BodyRefusal.BadRequest("Request body must be a JSON object"), none);
            }

            // A name escaped as a lone surrogate ("\ud800") parses but cannot become a string.
            List<string> names;
            try
            {
                names = document.RootElement.EnumerateObject().Select(p => p.Name).ToList();
            }
            catch (InvalidOperationException)
            {
                return (null, BodyRefusal.BadRequest("A field name is not valid Unicode (a lone surrogate escape such as \\ud800)"), none);
            }

            var fields = names.ToHashSet(StringComparer.Ordinal);
            if (fields.Count != names.Count)
            {
                var twice = names.GroupBy(n => n, StringComparer.Ordinal).First(g => g.Count() > 1).Key;
                return (null, BodyRefusal.BadRequest($"Field '{twice}' appears more than once"), none);
            }
            var unknown = fields.FirstOrDefault(name => !KnownFields.Contains(name));
            if (unknown is not null)
            {
                return (null, BodyRefusal.BadRequest($"Unknown field '{unknown}'; known fields: {string.Join(", ", KnownFields.Order())}"), none);
            }

            try
            {
                var value = document.RootElement.Deserialize<T>(ApiJson.Options);
                return value is null ? (null, BodyRefusal.BadRequest("Request body must be a JSON object"), none) : (value, null, fields);
            }
            catch (InvalidOperationException)
            {
                // A string value escaped as a lone surrogate; the reader does not say which one.
                return (null, BodyRefusal.BadRequest("A field's text is not valid Unicode (a lone surrogate escape such as \\ud800)"), none);
            }
            catch (JsonException error)
            {
                var field = error.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body";
                return (null, BodyRefusal.BadRequest($"Field '{field}' has the wrong type or is out of range"), none);
            }
        }
    }

    /// <summary>The whole body, or null as soon as it passes <see cref="MaxBytes"/> (the rest is not read).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
