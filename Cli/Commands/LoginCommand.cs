using System.CommandLine;
using Spectre.Console;

namespace OrleansBots.Cli.Commands;

/// <summary><c>login</c>: saves a server and its credentials as a named profile, which becomes the one used by default.</summary>
public static class LoginCommand
{
    public static Command Create()
    {
        var adminToken = new Option<string?>("--admin-token") { Description = "The platform's ADMIN_TOKEN (for users, capacity, stats, limits, cache, alerts, metrics)" };
        var adminTokenFile = new Option<FileInfo?>("--admin-token-file") { Description = "Read the admin token from this file (e.g. Silo/data/admin-token)" };
        var apiKey = new Option<string?>("--api-key") { Description = "A user's API key (for bots)" };
        var command = new Command("login", "Save a server and its credentials in a profile (readable by you only)")
        {
            adminToken, adminTokenFile, apiKey,
        };
        command.RunLocally((output, parse) =>
        {
            var store = ProfileStore.ForCurrentUser();
            var file = store.Load();
            var name = parse.GetValue(GlobalOptions.Profile) ?? ProfileStore.DefaultProfile;
            var before = file.Profiles.GetValueOrDefault(name);
            var server = parse.GetValue(GlobalOptions.Server) ?? before?.Server ?? Platform.DefaultServer;
            if (!Uri.TryCreate(server, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
            {
                throw new UsageException($"--server must be an http(s) address such as {Platform.DefaultServer} (got '{server}')");
            }

            var token = parse.GetValue(adminToken)
                ?? (parse.GetValue(adminTokenFile) is { } tokenFile ? File.ReadAllText(tokenFile.FullName).Trim() : null)
                ?? before?.AdminToken;
            var key = parse.GetValue(apiKey) ?? before?.ApiKey;
            if (token is null && key is null)
            {
                throw new UsageException("Give --admin-token (or --admin-token-file) or --api-key, or both");
            }

            file.Profiles[name] = new Profile(address.AbsoluteUri.TrimEnd('/'), token, key);
            store.Save(file with { Current = name });

            // Never the token itself: only which credentials the profile holds.
            var holds = string.Join(" and ", new[] { token is null ? null : "an admin token", key is null ? null : "an API key" }.OfType<string>());
            output.Line(new { profile = name, server = file.Profiles[name].Server, path = store.Path }, p =>
                $"Profile [bold]{Markup.Escape(p.profile)}[/] saved in {Markup.Escape(p.path)}: {Markup.Escape(p.server)} with {holds}");
        });
        return command;
    }
}
