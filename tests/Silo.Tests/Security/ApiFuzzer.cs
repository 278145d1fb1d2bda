using System.Text;
using System.Text.Json;

namespace OrleansBots.Silo.Tests.Security;

/// <summary>
/// Generates bad and odd requests from the served OpenAPI document: every operation, path and query parameter and
/// body field gets malformed and truncated JSON, invalid Unicode and UTF-8, wrong types, extreme numbers and dates,
/// overlong strings, bad forms and multipart bodies, odd paths and methods. Seeded, so a failing run repeats.
/// </summary>
public sealed class ApiFuzzer
{
    private static readonly string[] OddStrings =
    [
        "", " ", "%00", "%ED%A0%80", "%C3%28", "%FF%FE", "%F0%9F%92%A9", "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "a%2Fb", "-1", "0", "1e309",
        "NaN", "Infinity", "null", "true", "[]", "{}", "%22%27%3C%3E", "%E2%80%AE", "x%0D%0AInjected:%201", "%u0000", "\u00e9\u00e8", "%5C",
    ];

    private static readonly string[] OddNumbers =
    [
        "-1", "0", "1", "1000", "1001", "2147483647", "2147483648", "-2147483649", "9223372036854775808", "1e309", "-1e309", "1e-300", "NaN",
        "Infinity", "0x10", "1.5", "%201", "1,5", "", "abc", "999999999999999999999999999999",
    ];

    private static readonly string[] OddDates =
    [
        "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "1970-01-01T00:00:00Z",
        "-62135596800", "253402300799", "253402300800", "1e20", "-1", "2024-02-30T00:00:00Z", "2024-13-01", "yesterday", "",
    ];

    private static readonly string[] JsonValues =
    [
        "null", "true", "false", "0", "-1", "1e308", "-1e308", "1e-300", "2147483648", "-9223372036854775809", "123456789012345678901234567890",
        "0.1", "\"\"", "\"x\"", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\u0000\"", "[]", "[1,2,3]", "{}", "{\"a\":1}", "\"2024-01-01T00:00:00Z\"",
        "\"0001-01-01T00:00:00Z\"", "[\"BTCUSDT\"]", "[\"\\ud800\"]", "[null]", "\"trading\"", "\"chat\"",
    ];

    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    private readonly Random _random;
    private readonly List<Operation> _operations;
    private readonly FuzzTargets _targets;

    public ApiFuzzer(JsonDocument openApi, FuzzTargets targets, int seed)
    {
        _random = new Random(seed);
        _targets = targets;
        _operations = ReadOperations(openApi.RootElement);
    }

    /// <summary>Operations found in the document, e.g. "POST /api/bots".</summary>
    public IReadOnlyList<string> OperationNames => _operations.Select(o => $"{o.Method} {o.Path}").ToList();

    public FuzzRequest Next()
    {
        // Now and then a request that is not in the document at all.
        if (_random.Next(20) == 0)
        {
            return OffTheMap();
        }

        var operation = _operations[_random.Next(_operations.Count)];
        var caller = PickCaller(operation);
        var acrossTenants = false;
        var path = new StringBuilder();
        foreach (var segment in operation.Path.Split('/'))
        {
            if (segment.Length == 0)
            {
                continue;
            }

            path.Append('/');
            if (segment.StartsWith('{') && segment.EndsWith('}'))
            {
                var name = segment[1..^1];
                var (value, aimsAcross) = PathValue(name, caller);
                acrossTenants |= aimsAcross;
                path.Append(value);
            }
            else
            {
                path.Append(segment);
            }
        }

        var query = new List<string>();
        foreach (var parameter in operation.Query)
        {
            if (_random.Next(3) > 0)
            {
                query.Add($"{parameter}={QueryValue(parameter)}");
            }
        }

        if (_random.Next(8) == 0)
        {
            query.Add($"{Pick(["unknown", "limit", "name", "%ED%A0%80", "a[b]", "label.x"])}={Pick(OddStrings)}");
        }

        if (_random.Next(30) == 0)
        {
            query.Add($"q={new string('x', _random.Next(1000, 9000))}");
        }

        var method = _random.Next(12) == 0 ? Pick(Methods) : operation.Method;
        var (body, contentType, what) = operation.BodyFields is { } fields && _random.Next(10) > 0 ? Body(fields) : MaybeStrayBody();
        var target = path + (query.Count > 0 ? "?" + string.Join('&', query) : string.Empty);
        return new FuzzRequest(method, target, caller, body, contentType, $"{operation.Method} {operation.Path} as {caller}: {what}") { AimsAcrossTenants = acrossTenants };
    }

    private FuzzCaller PickCaller(Operation operation)
    {
        var roll = _random.Next(10);
        if (operation.Path.StartsWith("/api/bots", StringComparison.Ordinal))
        {
            return roll switch { < 4 => FuzzCaller.OtherTenant, < 8 => FuzzCaller.Owner, 8 => FuzzCaller.Admin, _ => _random.Next(2) == 0 ? FuzzCaller.Garbage : FuzzCaller.Nobody };
        }

        return roll switch { < 7 => FuzzCaller.Admin, 7 => FuzzCaller.Owner, 8 => FuzzCaller.Garbage, _ => FuzzCaller.Nobody };
    }

    private (string Value, bool AimsAcross) PathValue(string name, FuzzCaller caller)
    {
        var roll = _random.Next(10);
        if (roll < 3)
        {
            return (Pick(OddStrings), false);
        }

        if (roll == 3)
        {
            return (new string(Pick(['a', '9', '%']) == '%' ? 'z' : 'a', _random.Next(65, 5000)), false);
        }

        return name switch
        {
            "bot_id" => BotId(caller),
            "user_id" => (Pick(_targets.SacrificialUserIds), false),
            "key" => (Pick(["k", "fuzz:key", "fuzz%2Fkey", new string('k', 256)]), false),
            "chart" => (Pick(["cpu", "capacity", "nope", "cpu.png"]), false),
            _ => (Pick(["x", "1", "abc"]), false),
        };
    }

    /// <summary>A bot of the other tenant (any 2xx then crossed tenants), one of the caller's own, or none.</summary>
    private (string Value, bool AimsAcross) BotId(FuzzCaller caller)
    {
        var roll = _random.Next(10);
        var theirs = FuzzTargets.OtherTenantOf(caller) is { } other ? _targets.BotsOf(other) : [.. _targets.BotsOf(FuzzCaller.Owner), .. _targets.BotsOf(FuzzCaller.OtherTenant)];
        var mine = _targets.BotsOf(caller);
        if (roll < 5 && theirs.Count > 0)
        {
            return (Pick(theirs), FuzzTargets.OtherTenantOf(caller) is not null);
        }

        return roll < 8 && mine.Count > 0 ? (Pick(mine), false) : ("bot_0000000000000000", false);
    }

    private string QueryValue(string parameter) => parameter switch
    {
        "from" or "to" => Pick(OddDates),
        "limit" or "minutes" => Pick(OddNumbers),
        "step" or "window" => Pick(["1s", "0s", "1ms", "1e309s", "-1m", "400d", "401d", "1h", "abc", "99999999999999999999d", ""]),
        "cursor" => Pick(["", "Mw", "!!!", "%ED%A0%80", "bm90LWEtY3Vyc29y", new string('A', 600), "LTE"]),
        "format" => Pick(["csv", "json", "xml", ""]),
        "name" => Pick(["cpu_usage_percent", "", "%ED%A0%80", new string('n', 300), "a b"]),
        _ => _random.Next(2) == 0 ? Pick(OddStrings) : Pick(OddNumbers),
    };

    private (byte[]? Body, string? ContentType, string What) Body(IReadOnlyList<string> fields)
    {
        var json = "application/json";
        switch (_random.Next(14))
        {
            case 0:
                return (Encoding.UTF8.GetBytes(Pick(["{", "{\"a\":", "[", "{\"name\":\"x\"", "\"", "{]", "{\"a\" 1}", "nul", "{'a':1}", ",", "{\"a\":1,}"])), json, "malformed JSON");
            case 1:
                var whole = Encoding.UTF8.GetBytes(ValidishObject(fields));
                return (whole[..Math.Max(0, whole.Length - _random.Next(1, whole.Length + 1))], json, "truncated JSON");
            case 2:
                return ([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D], json, "invalid UTF-8");
            case 3:
                return (Encoding.UTF8.GetBytes(Pick(["{\"\\ud800\":1}", "{\"\\udfff\\ud800\":\"x\"}", "{\"name\":\"\\ud800\"}", "{\"\\u0000\":1}"])), json, "invalid UTF-16 escapes");
            case 4:
                return (Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000)), json, "deep nesting");
            case 5:
                return (Encoding.UTF8.GetBytes($"{{\"{Pick(fields)}\":\"{new string('x', _random.Next(1000, 70_000))}\"}}"), json, "overlong string");
            case 6:
                return (Encoding.UTF8.GetBytes("token=%00&" + string.Join('&', Enumerable.Range(0, _random.Next(1, 5000)).Select(i => $"f{i}=v"))), "application/x-www-form-urlencoded", "form body");
            case 7:
                return (Encoding.UTF8.GetBytes("--b\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\nabc"), "multipart/form-data; boundary=b", "truncated multipart");
            case 8:
                return (Encoding.UTF8.GetBytes(ValidishObject(fields)), Pick(["text/plain", "application/xml", "application/json; charset=utf-16", "", "application/json; charset=\"\\ud800\""]), "odd content type");
            case 9:
                return (Encoding.UTF8.GetBytes(Pick(["null", "[]", "1", "\"x\"", "true", "[{}]"])), json, "not an object");
            case 10:
                var name = Pick(fields);
                return (Encoding.UTF8.GetBytes($"{{\"{name}\":1,\"{name}\":2}}"), json, "repeated field");
            default:
                return (Encoding.UTF8.GetBytes(ValidishObject(fields)), json, "wrong types and extreme values");
        }
    }

    private (byte[]? Body, string? ContentType, string What) MaybeStrayBody() => _random.Next(4) switch
    {
        0 => (Encoding.UTF8.GetBytes("{\"a\":1}"), "application/json", "stray body"),
        1 => (Encoding.UTF8.GetBytes("token=x&token=y"), "application/x-www-form-urlencoded", "stray form"),
        _ => (null, null, "no body"),
    };

    /// <summary>An object of some of the fields, each a random JSON value (right type or not), sometimes an unknown field.</summary>
    private string ValidishObject(IReadOnlyList<string> fields)
    {
        var members = fields.Where(_ => _random.Next(3) > 0).Select(f => $"\"{f}\":{Pick(JsonValues)}").ToList();
        if (_random.Next(6) == 0)
        {
            members.Add($"\"{Pick(["unknown", "Name", "NAME", "$type", "__proto__"])}\":1");
        }

        return "{" + string.Join(',', members) + "}";
    }

    private FuzzRequest OffTheMap()
    {
        var path = Pick([
            "/", "//api//bots", "/api/bots/" + new string('b', 3000), "/api/bots/%2e%2e/%2e%2e/api/admin/users", "/api/admin/../admin/capacity",
            "/dashboard/SiloProperties/x", "/dashboard/SiloStats/1.2.3.4:1@1", "/dashboard/HistoricalStats/%ED%A0%80", "/dashboard/GrainStats/%00",
            "/dashboard/GrainState?grainId=x&grainType=y", "/dashboard/Reminders/99999999999", "/dashboard/SiloCounters/", "/admin/login", "/admin",
            "/openapi/v1.json", "/openapi/%ED%A0%80.json", "/metrics", "/api/admin/charts/cpu.gif", "/%", "/api/bots/%C3%28/start", "/api/admin/users/%00/api-key",
        ]);
        var method = Pick(Methods);
        var (body, type, what) = _random.Next(2) == 0 ? Body(["token", "name"]) : (null, null, "no body");
        return new FuzzRequest(method, path, Pick([FuzzCaller.Admin, FuzzCaller.Nobody, FuzzCaller.Garbage, FuzzCaller.OtherTenant]), body, type, $"off the map {method} {path}: {what}");
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private static List<Operation> ReadOperations(JsonElement document)
    {
        var schemas = document.GetProperty("components").TryGetProperty("schemas", out var s) ? s : default;
        var operations = new List<Operation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var query = new List<string>();
                if (operation.Value.TryGetProperty("parameters", out var parameters))
                {
                    query.AddRange(parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!));
                }

                List<string>? fields = null;
                if (operation.Value.TryGetProperty("requestBody", out var body)
                    && body.GetProperty("content").TryGetProperty("application/json", out var media) && media.TryGetProperty("schema", out var schema))
                {
                    fields = PropertiesOf(schema, schemas);
                }

                operations.Add(new Operation(operation.Name.ToUpperInvariant(), path.Name, query, fields));
            }
        }

        return operations;
    }

    private static List<string> PropertiesOf(JsonElement schema, JsonElement schemas)
    {
        if (schema.TryGetProperty("$ref", out var reference) && schemas.ValueKind == JsonValueKind.Object)
        {
            schema = schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
        }

        return schema.TryGetProperty("properties", out var properties) ? properties.EnumerateObject().Select(p => p.Name).ToList() : ["x"];
    }

    private sealed record Operation(string Method, string Path, IReadOnlyList<string> Query, IReadOnlyList<string>? BodyFields);
}
