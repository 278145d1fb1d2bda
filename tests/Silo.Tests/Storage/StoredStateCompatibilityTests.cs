using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Storage;

/// <summary>
/// Grain state written by an earlier version of the platform loads in this one. Orleans' JSON storage writes
/// each stored object's CLR type name (namespace and assembly); the rows in Fixtures/ were written by the silo
/// before the code moved into one folder per concept, and are inserted as they were into a real PostgreSQL.
/// </summary>
public sealed class StoredStateCompatibilityTests
{
    private static readonly JsonObject Fixture = (JsonObject)JsonNode.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Storage", "Fixtures", "state-before-restructure.json")))!;

    [RequiresServersFact]
    public async Task StateStoredBeforeTheRestructureLoadsWithItsLimitsBotsAndAlerts()
    {
        using var data = new TempFolder();
        var environment = await WithStoredRowsAsync(data, "compat");
        environment["ALERT_THRESHOLD"] = "50";

        await using var silo = SiloProcess.Start(environment);
        await silo.WaitReadyAsync();
        using var http = silo.CreateHttpClient();
        var bots = Fixture["bots"]!;
        var keys = Fixture["api_keys"]!;

        foreach (var (bot, key) in new[] { ("a1", "alice"), ("a2", "alice"), ("b1", "bob") })
        {
            var info = await Eventually.Get(
                () => GetAsync(http, $"api/bots/{bots[bot]}", (string)keys[key]!),
                b => b.GetProperty("status").GetString() == "running" && b.GetProperty("ticks").GetInt64() > 4,
                TimeSpan.FromSeconds(30),
                $"stored running bot {bot} ticking again");
            Assert.Equal(1, info.GetProperty("restarts").GetInt64());
        }

        var capacity = (await GetAsync(http, "api/admin/capacity", SiloEnvironment.AdminToken)).GetProperty("capacity");
        Assert.Equal((3, 5), (capacity.GetProperty("current_bots").GetInt32(), capacity.GetProperty("max_bots").GetInt32()));

        var refused = await SendAsync(http, HttpMethod.Post, $"api/bots/{bots["a3"]}/start", (string)keys["alice"]!);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Bot limit reached (2/2 running bots for your account)", await refused.Content.ReadAsStringAsync());

        // The roster stored as one record (with every bot listed) is taken over by the shards.
        var stats = await GetAsync(http, "api/admin/stats", SiloEnvironment.AdminToken);
        var users = await GetAsync(http, "api/admin/users", SiloEnvironment.AdminToken);
        Assert.Equal(2, stats.GetProperty("users").GetInt32());
        Assert.Equal(["alice", "bob"], users.GetProperty("users").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal(3, stats.GetProperty("bots").GetProperty("running").GetInt32());
        Assert.Equal(1, stats.GetProperty("bots").GetProperty("created").GetInt32());
        var alert = Assert.Single(stats.GetProperty("alerts").EnumerateArray(), a => a.GetProperty("rule").GetString() == "capacity");
        Assert.Equal((50, 3, 5), (alert.GetProperty("threshold_percent").GetInt32(), alert.GetProperty("current_bots").GetInt32(), alert.GetProperty("max_bots").GetInt32()));
    }

    [RequiresServersFact]
    public async Task StoredStatesMoveToTheBatchedTableWithTheirNextWriteAndADeletedBotLeavesBoth()
    {
        using var data = new TempFolder();
        var environment = await WithStoredRowsAsync(data, "compat-move");
        var service = environment["Orleans__ServiceId"];
        var bots = Fixture["bots"]!;
        var alice = (string)Fixture["api_keys"]!["alice"]!;

        await using (var silo = SiloProcess.Start(environment))
        {
            await silo.WaitReadyAsync();
            using var http = silo.CreateHttpClient();
            await Eventually.Get(
                () => GetAsync(http, $"api/bots/{bots["a1"]}", alice),
                b => b.GetProperty("status").GetString() == "running",
                TimeSpan.FromSeconds(30),
                "stored running bot a1 running again");
            using var deleted = await SendAsync(http, HttpMethod.Delete, $"api/bots/{bots["a3"]}", alice);
            Assert.True(deleted.IsSuccessStatusCode, $"DELETE a3: {(int)deleted.StatusCode} {await deleted.Content.ReadAsStringAsync()}");
            Assert.Equal(0, await silo.TerminateAsync(TimeSpan.FromSeconds(30)));
        }

        // Saved at the stop into grain_state; the deleted bot's old row holds no state any more.
        Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM grain_state WHERE service_id = $1 AND grain_id = $2 AND state_name = 'bot'", service, $"bot/{bots["a1"]}"));
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM grain_state WHERE service_id = $1 AND grain_id = $2 AND state_name = 'bot'", service, $"bot/{bots["a3"]}"));
        Assert.Equal(0, await ScalarAsync<long>(
            "SELECT count(*) FROM OrleansStorage WHERE ServiceId = $1 AND GrainIdExtensionString = $2 AND PayloadBinary IS NOT NULL", service, $"!3:bot/{bots["a3"]}"));

        await using var again = SiloProcess.Start(environment);
        await again.WaitReadyAsync();
        using var client = again.CreateHttpClient();
        var info = await Eventually.Get(
            () => GetAsync(client, $"api/bots/{bots["a1"]}", alice),
            b => b.GetProperty("status").GetString() == "running" && b.GetProperty("restarts").GetInt64() == 2,
            TimeSpan.FromSeconds(30),
            "bot a1 back from grain_state after a second restart");
        Assert.Equal("running", info.GetProperty("status").GetString());
        using var gone = await SendAsync(client, HttpMethod.Get, $"api/bots/{bots["a3"]}", alice);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    private static async Task<T> ScalarAsync<T>(string sql, params object[] values)
    {
        await using var source = NpgsqlDataSource.Create(TestServers.Postgres!);
        await using var command = source.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A silo environment of a new service whose rows are the fixture's, as the run that stored them configured it.</summary>
    private static async Task<Dictionary<string, string>> WithStoredRowsAsync(TempFolder data, string name)
    {
        var environment = SiloEnvironment.Durable(SiloEnvironment.NewServiceId(name), data.Path);

        // The configured limit of the run that stored the rows: the stored change (max 5) then still applies.
        environment["MAX_CONCURRENT_BOTS"] = "10";

        // The stored users' keys were issued before keys carried a MAC: the documented migration accepts them.
        environment["ApiKeys__AcceptLegacyKeys"] = "true";
        await InsertRowsAsync(environment["Orleans__ServiceId"]);
        return environment;
    }

    private static async Task InsertRowsAsync(string serviceId)
    {
        await using var source = NpgsqlDataSource.Create(TestServers.Postgres!);
        foreach (var row in Fixture["rows"]!.AsArray())
        {
            await using var insert = source.CreateCommand(
                """
                INSERT INTO OrleansStorage (ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString, GrainIdHash, GrainTypeHash, PayloadBinary, Version)
                VALUES ($1, $2, $3, $4, $5, $6, $7, convert_to($8, 'UTF8'), $9)
                """);
            insert.Parameters.Add(new NpgsqlParameter { Value = serviceId });
            insert.Parameters.Add(new NpgsqlParameter { Value = (string)row!["grain_type"]! });
            insert.Parameters.Add(new NpgsqlParameter { Value = (long)row["n0"]! });
            insert.Parameters.Add(new NpgsqlParameter { Value = (long)row["n1"]! });
            insert.Parameters.Add(new NpgsqlParameter { Value = (string)row["extension"]! });
            insert.Parameters.Add(new NpgsqlParameter { Value = (int)row["grain_id_hash"]! });
            insert.Parameters.Add(new NpgsqlParameter { Value = (int)row["grain_type_hash"]! });
            insert.Parameters.Add(new NpgsqlParameter { Value = row["payload"]!.ToJsonString() });
            insert.Parameters.Add(new NpgsqlParameter { Value = (int)row["version"]! });
            await insert.ExecuteNonQueryAsync();
        }
    }

    private static async Task<JsonElement> GetAsync(HttpClient http, string path, string token)
    {
        using var response = await SendAsync(http, HttpMethod.Get, path, token);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        var json = JsonDocument.Parse(body).RootElement;
        return json.TryGetProperty("bot", out var bot) ? bot : json;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request);
    }
}
