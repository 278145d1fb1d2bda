using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Cli.Tests;

/// <summary>The <c>orleansbots</c> tool as a person or a script runs it, against a real silo process.</summary>
[Collection(CliCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CliEndToEndTests(CliFixture fixture) : IDisposable
{
    private readonly TempFolder _home = new();

    private string ConfigPath => Path.Combine(_home.Path, "orleansbots", "profiles.json");

    private CliProcess Cli => new(ConfigPath);

    [Fact]
    public async Task LoginSavesTheProfileReadableByItsOwnerOnlyAndNeverPrintsTheToken()
    {
        var login = await Cli.RunAsync("login", "--server", fixture.Server, "--admin-token", CliFixture.AdminToken);
        var profiles = await Cli.RunAsync("profiles", "list", "--json");

        Assert.Equal(0, login.ExitCode);
        Assert.DoesNotContain(CliFixture.AdminToken, login.Output + login.Error + profiles.Output);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ConfigPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(ConfigPath)!));
        Assert.Contains(CliFixture.AdminToken, await File.ReadAllTextAsync(ConfigPath));
        var saved = Assert.Single(profiles.Json.EnumerateArray());
        Assert.Equal(("default", fixture.Server, true), (saved.GetProperty("name").GetString(), saved.GetProperty("server").GetString(), saved.GetProperty("admin_token").GetBoolean()));
    }

    [Fact]
    public async Task ScriptsReadTheApisJsonAndAFullPlatformExitsWith3WithRetryAfterPrinted()
    {
        await Cli.RunAsync("login", "--server", fixture.Server, "--admin-token", CliFixture.AdminToken);
        var user = $"cli-{Guid.NewGuid():N}"[..16];
        var created = await Cli.RunAsync("users", "create", user, "--json");
        var apiKey = created.Json.GetProperty("api_key").GetString()!;
        var login = await Cli.RunAsync("login", "--profile", user, "--server", fixture.Server, "--api-key", apiKey);

        var bots = await Cli.RunAsync("bots", "create", "--name", "cli", "--symbols", "BTCUSDT", "--tick-seconds", "5", "--count", "3", "--json");
        var start = await Cli.RunAsync("bots", "start", "--all");
        var capacity = await Cli.RunAsync("--profile", "default", "capacity", "--json");
        var listed = await Cli.RunAsync("bots", "list", "--json");
        var stop = await Cli.RunAsync("bots", "stop", "--all", "--json");

        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.Equal(3, bots.Json.GetProperty("bots").GetArrayLength());
        Assert.True(start.ExitCode == 3, start.ToString());
        Assert.Contains($"Server full ({CliFixture.MaxBots}/{CliFixture.MaxBots} bots active)", start.Error);
        Assert.Contains("Retry after 60 s", start.Error);
        var full = capacity.Json.GetProperty("capacity");
        Assert.Equal((CliFixture.MaxBots, "FULL"), (full.GetProperty("current_bots").GetInt32(), full.GetProperty("status").GetString()));
        Assert.Equal(CliFixture.MaxBots, listed.Json.GetProperty("bots").EnumerateArray().Count(b => b.GetProperty("status").GetString() == "running"));
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.All(stop.Json.GetProperty("bots").EnumerateArray(), b => Assert.Equal("stopped", b.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task AUsersKeyIsRotatedAndRevokedTheyAreDisabledEnabledAndDeletedAndTheAuditShowsIt()
    {
        await Cli.RunAsync("login", "--server", fixture.Server, "--admin-token", CliFixture.AdminToken);
        var user = $"life-{Guid.NewGuid():N}"[..16];
        var created = await Cli.RunAsync("users", "create", user, "--json");

        var rotated = await Cli.RunAsync("users", "rotate-key", user, "--json");
        var revoked = await Cli.RunAsync("users", "revoke-key", user, "--json");
        var disabled = await Cli.RunAsync("users", "disable", user, "--json");
        var enabled = await Cli.RunAsync("users", "enable", user);
        var deleted = await Cli.RunAsync("users", "delete", user, "--json");
        var audit = await Cli.RunAsync("audit", "--limit", "100", "--json");
        var gone = await Cli.RunAsync("users", "disable", user);

        Assert.True(rotated.ExitCode == 0, rotated.ToString());
        Assert.StartsWith(user + ".", rotated.Json.GetProperty("api_key").GetString());
        Assert.NotEqual(created.Json.GetProperty("api_key").GetString(), rotated.Json.GetProperty("api_key").GetString());
        Assert.True(revoked.Json.GetProperty("user").GetProperty("key_revoked").GetBoolean());
        Assert.True(disabled.Json.GetProperty("user").GetProperty("disabled").GetBoolean());
        Assert.True(enabled.ExitCode == 0, enabled.ToString());
        Assert.Matches(@"disabled\W+False", enabled.Output);
        Assert.True(deleted.Json.GetProperty("deleted").GetBoolean());
        var actions = audit.Json.GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("target").GetString() == user).Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["user.deleted", "user.enabled", "user.disabled", "api_key.revoked", "api_key.rotated", "user.created"], actions);
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains($"User '{user}' not found", gone.Error);
    }

    [Fact]
    public async Task ARefusalExitsWith1AndPrintsTheServersMessage()
    {
        await Cli.RunAsync("login", "--server", fixture.Server, "--admin-token", CliFixture.AdminToken);

        var missing = await Cli.RunAsync("users", "get", "nobody-here");

        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("User 'nobody-here' not found", missing.Error);
    }

    [Fact]
    public async Task AWrongCommandLineOrAMissingCredentialExitsWith2()
    {
        var unknown = await Cli.RunAsync("bots", "frob");
        var neither = await Cli.RunAsync("bots", "start", "--server", fixture.Server);
        var noToken = await Cli.RunAsync("users", "list", "--server", "http://192.0.2.1:5001");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("frob", unknown.Error);
        Assert.Equal(2, neither.ExitCode);
        Assert.Equal(2, noToken.ExitCode);
        Assert.Contains("No admin token", noToken.Error);
    }

    [Fact]
    public async Task ShellCompletionAsksTheToolForItsCommands()
    {
        var script = await Cli.RunAsync("completion", "bash");
        var suggestions = await Cli.RunAsync("[suggest:13]", "orleansbots b");

        Assert.Contains("complete -o default -F _orleansbots_complete orleansbots", script.Output);
        Assert.Contains("bots", suggestions.Output.Split('\n', StringSplitOptions.TrimEntries));
    }

    public void Dispose() => _home.Dispose();
}
