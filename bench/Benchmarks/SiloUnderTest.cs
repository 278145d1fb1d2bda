using System.Diagnostics;
using System.Runtime.InteropServices;
using OrleansBots.Tests;

namespace OrleansBots.Benchmarks;

/// <summary>
/// A real silo process (the Release build of Silo/, next to this harness in the repository) on free loopback ports,
/// read from outside the way an operator would: its CPU time and RSS from /proc, its answers over HTTP.
/// </summary>
public sealed class SiloUnderTest : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();

    // OB_SILO_LOG_DIR keeps each silo's output in a file of its own, to read what a figure hides.
    private readonly StreamWriter? _log = Environment.GetEnvironmentVariable("OB_SILO_LOG_DIR") is { Length: > 0 } folder
        ? new StreamWriter(Path.Combine(Directory.CreateDirectory(folder).FullName, $"silo-{DateTime.UtcNow:HHmmss}-{Guid.NewGuid():N}"[..22] + ".log")) { AutoFlush = true }
        : null;
    private long _logLines;

    private SiloUnderTest(Process process, int httpPort)
    {
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/");
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    /// <summary>Lines the silo wrote to stdout and stderr (a storm of per-bot lines shows here).</summary>
    public long LogLines => Interlocked.Read(ref _logLines);

    public static SiloUnderTest Start(IReadOnlyDictionary<string, string> environment)
    {
        var assembly = SiloAssembly();
        var httpPort = LoopbackPorts.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}";
        start.Environment["Orleans__SiloPort"] = LoopbackPorts.Next().ToString();
        start.Environment["Orleans__GatewayPort"] = LoopbackPorts.Next().ToString();
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var silo = new SiloUnderTest(process, httpPort);
        process.OutputDataReceived += (_, e) => silo.Count(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Count(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    public HttpClient CreateHttpClient() => new(new SocketsHttpHandler { MaxConnectionsPerServer = 256 })
    {
        BaseAddress = BaseAddress,
        Timeout = TimeSpan.FromSeconds(120),
    };

    public async Task WaitReadyAsync(TimeSpan within)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"silo exited with code {_process.ExitCode}; its last lines:\n{LastLines()}");
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

        throw new TimeoutException("silo not ready in time");
    }

    /// <summary>User plus system CPU time of the silo process so far (from /proc/PID/stat).</summary>
    public TimeSpan CpuTime()
    {
        var fields = File.ReadAllText($"/proc/{_process.Id}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var jiffies = long.Parse(fields[11]) + long.Parse(fields[12]);
        return TimeSpan.FromSeconds(jiffies / (double)ClockTicksPerSecond);
    }

    /// <summary>Resident set size of the silo process in bytes (VmRSS).</summary>
    public long RssBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    /// <summary>SIGTERM, then the time until the process exited (or null when it did not within <paramref name="within"/>).</summary>
    public async Task<TimeSpan?> TerminateAsync(TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        _ = SendSignal(_process.Id, 15);
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return clock.Elapsed;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>SIGKILL, as a crash: nothing in the silo runs after it.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        lock (_lastLines)
        {
            _log?.Dispose();
        }
    }

    // Linux reports CPU times in clock ticks of USER_HZ, 100 on every common build.
    private const int ClockTicksPerSecond = 100;

    private static string SiloAssembly()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "OrleansBots.sln")))
        {
            folder = folder.Parent;
        }

        var assembly = folder is null ? null : Path.Combine(folder.FullName, "Silo", "bin", "Release", "net10.0", "OrleansBots.Silo.dll");
        return assembly is not null && File.Exists(assembly)
            ? assembly
            : throw new FileNotFoundException("the Release build of the silo is missing: dotnet build -c Release Silo");
    }

    private void Count(string? line)
    {
        if (line is not null)
        {
            Interlocked.Increment(ref _logLines);
            lock (_lastLines)
            {
                _log?.WriteLine(line);
                _lastLines.Enqueue(line);
                if (_lastLines.Count > LastLinesKept)
                {
                    _lastLines.Dequeue();
                }
            }
        }
    }

    // Enough to show why a silo refused to start (its settings errors) without keeping a storm of lines.
    private const int LastLinesKept = 20;

    private string LastLines()
    {
        lock (_lastLines)
        {
            return string.Join('\n', _lastLines);
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
