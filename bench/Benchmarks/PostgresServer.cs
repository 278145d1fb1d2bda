using System.Diagnostics;
using Npgsql;
using OrleansBots.Tests;

namespace OrleansBots.Benchmarks;

/// <summary>
/// A throw-away PostgreSQL (initdb in a temp folder, pg_ctl on a free loopback port, server defaults), or the
/// server OB_TEST_POSTGRES names. initdb refuses root, so as root the server runs as the postgres user.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string? _folder;
    private readonly string? _bin;

    private PostgresServer(string connectionString, string description, string? folder, string? bin)
    {
        ConnectionString = connectionString;
        Description = description;
        _folder = folder;
        _bin = bin;
    }

    public string ConnectionString { get; }

    public string Description { get; }

    public static async Task<PostgresServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("OB_TEST_POSTGRES") is { Length: > 0 } given)
        {
            return new PostgresServer(given, "OB_TEST_POSTGRES (the test server: fsync off)", null, null);
        }

        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("starting a throw-away PostgreSQL needs Linux; set OB_TEST_POSTGRES instead");
        }

        var bin = Directory.GetDirectories("/usr/lib/postgresql")
            .Select(dir => Path.Combine(dir, "bin"))
            .Where(dir => File.Exists(Path.Combine(dir, "initdb")))
            .OrderByDescending(dir => dir, StringComparer.Ordinal)
            .FirstOrDefault() ?? throw new InvalidOperationException("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)");
        var folder = Directory.CreateTempSubdirectory("orleansbots-bench-pg-").FullName;
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        Directory.CreateDirectory(Path.Combine(folder, "sock"));
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "-R", "postgres:", folder);
        }

        var port = LoopbackPorts.Next();
        var data = Path.Combine(folder, "data");
        await RunAsync(Path.Combine(bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8");
        await File.AppendAllTextAsync(
            Path.Combine(data, "postgresql.conf"),
            $"listen_addresses = '127.0.0.1'\nunix_socket_directories = '{Path.Combine(folder, "sock")}'\n");
        var server = new PostgresServer(
            $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true",
            $"throw-away PostgreSQL {Path.GetFileName(Path.GetDirectoryName(bin))} (server defaults: fsync on)",
            folder,
            bin);
        await RunAsync(Path.Combine(bin, "pg_ctl"), "-D", data, "-l", Path.Combine(folder, "server.log"), "-o", $"-p {port}", "-w", "-t", "60", "start");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (_folder is null || _bin is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await RunAsync(Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_folder, "data"), "-m", "fast", "-w", "-t", "30", "stop");
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Runs a server tool, as the postgres user when we are root, and fails with its output.</summary>
    private static async Task RunAsync(string tool, params string[] arguments)
    {
        var asPostgres = Environment.UserName == "root" && tool != "chown";
        var start = new ProcessStartInfo(asPostgres ? "runuser" : tool)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/tmp",
        };
        if (asPostgres)
        {
            foreach (var part in new[] { "-u", "postgres", "--", tool })
            {
                start.ArgumentList.Add(part);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(tool)} failed ({process.ExitCode}): {await output}{await errors}");
        }
    }
}
