using System.Diagnostics;
using System.Text;

namespace OrleansBots.Silo.Tests.Infrastructure;

/// <summary>
/// A real silo process (the built OrleansBots.Silo.dll) on free loopback ports, with its own data folder.
/// Stopped by PID: <see cref="KillAsync"/> is kill -9, <see cref="TerminateAsync"/> is SIGTERM.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    // A second SIGTERM that lands after the host has stopped and dropped its signal handler, while the runtime shuts
    // down, ends the process with the default action (exit 143) instead of its own exit code.
    private bool _terminated;
    private StreamWriter? _logFile;

    private SiloProcess(Process process, SiloPorts ports)
    {
        _process = process;
        Ports = ports;
        HttpPort = ports.Http;
        SiloPort = ports.Silo;
        BaseAddress = new Uri($"http://127.0.0.1:{ports.Http}/");
    }

    /// <summary>The ports this silo listens on; a restart may reuse them (<see cref="Start"/>).</summary>
    public SiloPorts Ports { get; }

    public int HttpPort { get; }

    public int SiloPort { get; }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>
    /// Starts a silo and returns once it does not exit at once; use <see cref="WaitReadyAsync"/> before calling it.
    /// Free ports unless <paramref name="ports"/> are given (a restart on the ports of a silo that is gone).
    /// </summary>
    public static SiloProcess Start(IReadOnlyDictionary<string, string> environment, string? workingDirectory = null, SiloPorts? ports = null)
    {
        var (httpPort, siloPort, gatewayPort) = ports ?? SiloPorts.Free();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(SiloAssembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(SiloAssembly);
        foreach (var key in start.Environment.Keys.Where(IsPlatformSetting).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}";
        start.Environment["Orleans__SiloPort"] = siloPort.ToString();
        start.Environment["Orleans__GatewayPort"] = gatewayPort.ToString();
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var silo = new SiloProcess(process, new SiloPorts(httpPort, siloPort, gatewayPort));
        process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        process.Start();
        silo.KeepLogIn(Environment.GetEnvironmentVariable("OB_TEST_SILO_LOGS"));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>The built silo next to this test build: tests/Silo.Tests/bin/CONFIG/TFM → Silo/bin/CONFIG/TFM.</summary>
    public static string SiloAssembly
    {
        get
        {
            var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var framework = testBin.Name;
            var configuration = testBin.Parent!.Name;
            var root = testBin.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
            return Path.Combine(root, "Silo", "bin", configuration, framework, "OrleansBots.Silo.dll");
        }
    }

    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public async Task WaitReadyAsync(TimeSpan? within = null)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(90));
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Silo exited with code {_process.ExitCode}:\n{Log}");
            }

            try
            {
                using var response = await http.GetAsync("readyz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Silo not ready within the deadline:\n{Log}");
    }

    public async Task<int> WaitForExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>kill -9: no shutdown code runs, as when a machine dies.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>SIGTERM: the graceful stop that Kubernetes and systemd send.</summary>
    public async Task<int> TerminateAsync(TimeSpan within)
    {
        Terminate();
        return await WaitForExitAsync(within);
    }

    /// <summary>SIGSTOP: the process stays, unresponsive, as in a long GC pause or a hung VM.</summary>
    public void Freeze() => Signal(Signals.Stop);

    /// <summary>SIGCONT after <see cref="Freeze"/>.</summary>
    public void Thaw() => Signal(Signals.Continue);

    /// <summary>SIGTERM without waiting for the exit; sent once, as Kubernetes and systemd do.</summary>
    public void Terminate()
    {
        if (!_terminated)
        {
            _terminated = true;
            Signal(Signals.Term);
        }
    }

    private void Signal(int signal)
    {
        if (!_process.HasExited)
        {
            Signals.Send(_process.Id, signal);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Thaw();
        await KillAsync();
        _process.Dispose();
        lock (_log)
        {
            _logFile?.Dispose();
            _logFile = null;
        }
    }

    private static bool IsPlatformSetting(string key) =>
        key.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("MAX_", StringComparison.Ordinal)
        || key is "ALERT_THRESHOLD" or "ADMIN_TOKEN" or "DATA_DIR" or "WEBSOCKET_RECONNECT"
        || key.StartsWith("OB_TEST_", StringComparison.Ordinal);

    /// <summary>
    /// Copies the silo's output into <c>silo-PID.log</c> under <paramref name="folder"/> (the test script sets it when it
    /// keeps its temp dir): a test that fails before it prints a silo's log leaves it there.
    /// </summary>
    private void KeepLogIn(string? folder)
    {
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }

        Directory.CreateDirectory(folder);
        _logFile = new StreamWriter(Path.Combine(folder, $"silo-{_process.Id}.log")) { AutoFlush = true };
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
            _logFile?.WriteLine(line);
        }
    }
}
