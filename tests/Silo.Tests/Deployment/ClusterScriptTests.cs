using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using OrleansBots.Client;
using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Deployment;

/// <summary>scripts/cluster.sh, the one command for a three-silo cluster on this machine, run for real.</summary>
public sealed partial class ClusterScriptTests
{
    private const string Token = "cluster-script-token-0123456789abcdef";

    [RequiresServersFact(redis: true)]
    public async Task TheClusterScriptStartsThreeSilosInOneClusterAndCtrlCLeavesNothingRunning()
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = Tool.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("scripts/cluster.sh");
        start.ArgumentList.Add("--no-build");
        start.Environment["CLUSTER_PORTS"] = "free";
        start.Environment["ADMIN_TOKEN"] = Token;
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
            Assert.Equal(0, SendSignal(script.Id, 2));
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await script.WaitForExitAsync(stopping.Token);
        }
        finally
        {
            if (!script.HasExited)
            {
                script.Kill(entireProcessTree: true);
            }
        }

        var output = Text(log);
        var pids = Pids().Matches(output).Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.True(pids.Count == 5, $"expected the PIDs of three silos, PostgreSQL and Redis in the log:\n{output}");
        // A process the script stopped may take a moment to be gone once the script has exited (and been reaped).
        Assert.All(pids, pid => Assert.False(StillRunsAfter(pid, TimeSpan.FromSeconds(15)), $"process {pid} still runs after Ctrl-C:\n{output}"));
        foreach (var port in Ports().Matches(output).Select(m => int.Parse(m.Groups[1].Value)))
        {
            Assert.False(Listens(port), $"port {port} still accepts connections after Ctrl-C");
        }
    }

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

    [GeneratedRegex(@"(?:127\.0\.0\.1:|silo port |gateway )(\d+)")]
    private static partial Regex Ports();

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
