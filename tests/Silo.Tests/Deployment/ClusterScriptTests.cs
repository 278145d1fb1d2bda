using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using OrleansBots.Client;
using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Deployment;

/// <summary>scripts/cluster.sh, the one command for a three-silo cluster on this machine, run for real.</summary>
public sealed partial class ClusterScriptTests
{
    private const string Token = "cluster-script-token-0123456789abcdef";

    // The script gives its silos 35 s after SIGTERM and PostgreSQL 30 s to stop; the test waits a little longer.
    private static readonly TimeSpan StopWithin = TimeSpan.FromSeconds(90);

    [RequiresServersFact(redis: true)]
    public async Task TheClusterScriptStartsThreeSilosInOneClusterAndCtrlCLeavesNothingRunning()
    {
        // A shell started in the background (as CI runners and `cmd &` do) ignores SIGINT, and bash can trap no signal it
        // was started ignoring: the test's Ctrl-C would go unheard. `env` restores the terminal's default first.
        var start = new ProcessStartInfo("env")
        {
            WorkingDirectory = Tool.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--default-signal=INT,QUIT");
        start.ArgumentList.Add("bash");
        start.ArgumentList.Add("scripts/cluster.sh");
        start.ArgumentList.Add("--no-build");
        start.Environment["CLUSTER_PORTS"] = "free";
        start.Environment["ADMIN_TOKEN"] = Token;

        // The test removes the work folder itself, after reading the silos' logs if something went wrong.
        start.Environment["CLUSTER_KEEP"] = "1";
        var log = new StringBuilder();
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var script = new Process { StartInfo = start };
        script.OutputDataReceived += (_, e) =>
        {
            Append(log, e.Data);
            if (e.Data?.StartsWith("cluster ready: ", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult(e.Data["cluster ready: ".Length..]);
            }
        };
        script.ErrorDataReceived += (_, e) => Append(log, e.Data);
        script.Start();
        script.BeginOutputReadLine();
        script.BeginErrorReadLine();
        var stopped = false;
        try
        {
            var urls = (await ready.Task.WaitAsync(TimeSpan.FromMinutes(4))).Split(' ');
            Assert.Equal(3, urls.Length);
            foreach (var url in urls)
            {
                using var http = new HttpClient { BaseAddress = new Uri(url + "/"), Timeout = TimeSpan.FromSeconds(10) };
                using var healthz = await http.GetAsync("healthz");
                Assert.True(healthz.IsSuccessStatusCode, $"{url}/healthz answered {(int)healthz.StatusCode}");
            }

            // One cluster, not three platforms: each silo sees all three.
            using var first = new HttpClient { BaseAddress = new Uri(urls[0] + "/"), Timeout = TimeSpan.FromSeconds(30) };
            var admin = new OrleansBotsAdminClient(first, Token);
            var health = await Eventually.Get(() => admin.GetHealthAsync(), h => h.Silos.Count == 3, TimeSpan.FromSeconds(60), "three silos in one cluster");
            Assert.Equal(["silo1", "silo2", "silo3"], health.Silos.Select(s => s.Name).Order());

            // Ctrl-C.
            Signals.Send(script.Id, Signals.Interrupt);
            stopped = await ExitsWithinAsync(script, StopWithin);
        }
        finally
        {
            await StopWhatTheScriptStartedAsync(script, Text(log));
        }

        var output = Text(log);
        var work = WorkFolder().Match(output).Groups[1].Value;
        try
        {
            Assert.True(stopped, $"the script did not exit within {StopWithin.TotalSeconds} s of Ctrl-C:\n{output}\n{SiloLogTails(work)}");
            Assert.False(output.Contains("did not stop within", StringComparison.Ordinal), $"a silo had to be killed:\n{output}\n{SiloLogTails(work)}");
            var pids = Pids().Matches(output).Select(m => int.Parse(m.Groups[1].Value)).ToList();
            Assert.True(pids.Count == 5, $"expected the PIDs of three silos, PostgreSQL and Redis in the log:\n{output}");

            // A process the script stopped may take a moment to be gone once the script has exited (and been reaped).
            Assert.All(pids, pid => Assert.False(StillRunsAfter(pid, TimeSpan.FromSeconds(15)), $"process {pid} still runs after Ctrl-C:\n{output}"));
            foreach (var port in Ports().Matches(output).Select(m => int.Parse(m.Groups[1].Value)))
            {
                Assert.False(Listens(port), $"port {port} still accepts connections after Ctrl-C");
            }
        }
        finally
        {
            if (work.Length > 0 && Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>
    /// Whether the script's own process ends within <paramref name="within"/>. Not <c>WaitForExitAsync</c>: with the
    /// output redirected it also waits for every process that inherited the script's pipes to close them, which is not
    /// what this asks. What the script started is checked by PID and port afterwards.
    /// </summary>
    private static async Task<bool> ExitsWithinAsync(Process process, TimeSpan within)
    {
        var deadline = DateTimeOffset.UtcNow + within;
        while (!process.HasExited)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(200);
        }

        return true;
    }

    /// <summary>
    /// Whatever happened to the test: the script is asked to stop (SIGTERM runs its trap, which stops the silos, Redis
    /// and PostgreSQL by PID), then killed with its processes; PostgreSQL, which pg_ctl started in a session of its own,
    /// is stopped by its PID if it still runs.
    /// </summary>
    private static async Task StopWhatTheScriptStartedAsync(Process script, string output)
    {
        if (!script.HasExited)
        {
            Signals.Send(script.Id, Signals.Term);
            if (!await ExitsWithinAsync(script, StopWithin))
            {
                script.Kill(entireProcessTree: true);
                await ExitsWithinAsync(script, TimeSpan.FromSeconds(10));
            }
        }

        if (Postgres().Match(output) is { Success: true } match && int.Parse(match.Groups[1].Value) is var pid && IsPostgres(pid))
        {
            // SIGINT is PostgreSQL's fast shutdown: its sessions end and the server exits.
            Signals.Send(pid, Signals.Interrupt);
            if (StillRunsAfter(pid, TimeSpan.FromSeconds(30)))
            {
                using var process = Process.GetProcessById(pid);
                process.Kill();
            }
        }
    }

    private static bool IsPostgres(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited && process.ProcessName.StartsWith("postgres", StringComparison.Ordinal);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string SiloLogTails(string work) =>
        work.Length == 0 || !Directory.Exists(work)
            ? ""
            : string.Join("\n", Directory.GetFiles(work, "silo*.log").Order().Select(file =>
                $"--- {Path.GetFileName(file)}\n" + string.Join("\n", File.ReadLines(file).TakeLast(40))));

    private static bool StillRunsAfter(int pid, TimeSpan wait)
    {
        var until = DateTime.UtcNow + wait;
        while (IsRunning(pid) && DateTime.UtcNow < until)
        {
            Thread.Sleep(200);
        }

        return IsRunning(pid);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool Listens(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }

    private static string Text(StringBuilder log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }

    [GeneratedRegex(@"\bpid (\d+)")]
    private static partial Regex Pids();

    [GeneratedRegex(@"PostgreSQL pid (\d+)")]
    private static partial Regex Postgres();

    [GeneratedRegex(@"work folder (\S+)")]
    private static partial Regex WorkFolder();

    [GeneratedRegex(@"(?:127\.0\.0\.1:|silo port |gateway )(\d+)")]
    private static partial Regex Ports();
}
