using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using OrleansBots.Client;

namespace OrleansBots.Cli;

/// <summary>
/// The platform a command talks to: the server and credentials from, in order, the command line, the environment
/// (<c>ORLEANSBOTS_SERVER</c>, <c>ORLEANSBOTS_ADMIN_TOKEN</c>, <c>ORLEANSBOTS_API_KEY</c>) and the profile; on a local
/// server without a saved admin token, the token the embedded silo generated (<c>Silo/data/admin-token</c> or
/// <c>data/admin-token</c> under the current folder). The SDK's clients are registered as an application would
/// (<c>AddOrleansBotsClient</c>), so the CLI retries as the SDK does.
/// </summary>
public sealed class Platform : IDisposable
{
    public const string DefaultServer = "http://localhost:5001";

    private static readonly string[] GeneratedTokenFiles = [Path.Combine("Silo", "data", "admin-token"), Path.Combine("data", "admin-token")];

    private readonly ServiceProvider _services;

    private Platform(Uri server, string? adminToken, string? apiKey)
    {
        Server = server;
        var services = new ServiceCollection();
        services.AddOrleansBotsClient(o =>
        {
            o.BaseAddress = server;
            o.AdminToken = adminToken;
            o.ApiKey = apiKey;
        });
        _services = services.BuildServiceProvider();
    }

    public Uri Server { get; }

    /// <summary>The operator's client; a usage error when no admin token is known.</summary>
    public IOrleansBotsAdminClient Admin => Resolve<IOrleansBotsAdminClient>(
        "No admin token: run 'orleansbots login --server URL --admin-token TOKEN' or set ORLEANSBOTS_ADMIN_TOKEN");

    /// <summary>The user's client; a usage error when no API key is known.</summary>
    public IOrleansBotsUserClient User => Resolve<IOrleansBotsUserClient>(
        "No API key: run 'orleansbots login --server URL --api-key KEY' or set ORLEANSBOTS_API_KEY");

    public static Platform From(ParseResult parse)
    {
        var saved = ProfileStore.ForCurrentUser().Load();
        var name = parse.GetValue(GlobalOptions.Profile) ?? Environment.GetEnvironmentVariable("ORLEANSBOTS_PROFILE") ?? saved.Current;
        var profile = saved.Profiles.GetValueOrDefault(name);
        if (profile is null && parse.GetValue(GlobalOptions.Profile) is { } asked)
        {
            throw new UsageException($"No profile '{asked}' in {ProfileStore.ForCurrentUser().Path}; run 'orleansbots login --profile {asked} ...'");
        }

        var serverText = parse.GetValue(GlobalOptions.Server) ?? Environment.GetEnvironmentVariable("ORLEANSBOTS_SERVER") ?? profile?.Server ?? DefaultServer;
        if (!Uri.TryCreate(serverText, UriKind.Absolute, out var server) || server.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--server must be an http(s) address such as {DefaultServer} (got '{serverText}')");
        }

        var adminToken = Environment.GetEnvironmentVariable("ORLEANSBOTS_ADMIN_TOKEN") ?? profile?.AdminToken ?? (server.IsLoopback ? GeneratedAdminToken() : null);
        var apiKey = Environment.GetEnvironmentVariable("ORLEANSBOTS_API_KEY") ?? profile?.ApiKey;
        return new Platform(server, adminToken, apiKey);
    }

    public void Dispose() => _services.Dispose();

    private static string? GeneratedAdminToken() =>
        GeneratedTokenFiles.Where(File.Exists).Select(file => File.ReadAllText(file).Trim()).FirstOrDefault(token => token.Length > 0);

    private T Resolve<T>(string missing)
        where T : notnull
    {
        try
        {
            return _services.GetRequiredService<T>();
        }
        catch (InvalidOperationException)
        {
            throw new UsageException(missing);
        }
    }
}
