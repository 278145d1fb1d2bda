using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using OrleansBots.Client;
using OrleansBots.Silo.Tests.Infrastructure;
using OrleansBots.Tests;

namespace OrleansBots.Silo.Tests.Deployment;

/// <summary>
/// deploy/kubernetes against the real silo: each overlay's Deployment is started as a silo process with the environment
/// its pod would get (the downward API, ports, data folder and servers replaced by loopback ones), so a probe path, port
/// or variable the silo does not have fails the build.
/// </summary>
public sealed class ManifestContractTests
{
    private const string PodName = "orleansbots-silo-5d8f7c9b4-x2x4q";

    private static readonly Dictionary<string, string> DownwardApi = new()
    {
        ["metadata.name"] = PodName,
        ["status.podIP"] = "127.0.0.1",
    };

    private static readonly string[] ProbeKinds = ["startupProbe", "readinessProbe", "livenessProbe"];

    /// <summary>
    /// A value the silo refuses at start, for every variable a manifest may set: that it refuses the value proves it
    /// reads the name. ADMIN_TOKEN and ASPNETCORE_URLS are proven by the pod runs instead (admin calls with the
    /// manifest's token; probes on the address the manifest's URL names).
    /// </summary>
    private static readonly Dictionary<string, string> RefusedValues = new()
    {
        ["Orleans__SiloName"] = "not a pod name",
        ["Orleans__AdvertisedIP"] = "not-an-ip",
        ["Orleans__SiloPort"] = "0",
        ["Orleans__GatewayPort"] = "70000",
        ["Orleans__ClusterId"] = "no spaces",
        ["Orleans__ServiceId"] = "no spaces",
        ["DATA_DIR"] = "/proc/version/data",
        ["MAX_CONCURRENT_BOTS"] = "lots",
        ["MAX_BOTS_PER_USER"] = "lots",
        ["MAX_TRADES_PER_DAY"] = "lots",
        ["ALERT_THRESHOLD"] = "lots",
        ["ConnectionStrings__Postgres"] = "Host=;Database=orleansbots",
        ["ConnectionStrings__Redis"] = ",",
        ["Storage__MigrateOnStart"] = "maybe",
    };

    private static readonly HashSet<string> ProvenByThePodRuns = ["ADMIN_TOKEN", "ASPNETCORE_URLS"];

    /// <summary>The variables this contract proves the silo reads (the compose file's silos may set only these).</summary>
    public static IReadOnlySet<string> VariablesTheSiloReads { get; } = RefusedValues.Keys.Concat(ProvenByThePodRuns).ToHashSet();

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public async Task TheSilosPortsProbesAndDataFolderAgreeAcrossTheOverlaysObjects(string overlay)
    {
        var rendered = await RenderedOverlay.RenderAsync(overlay);
        var silo = rendered.Silo;
        var environment = rendered.EnvironmentOf(silo, DownwardApi);

        // The silo is told to use the ports its container declares, which the probes, Service and NetworkPolicy name.
        Assert.Equal(RenderedOverlay.Port(silo, "http"), new Uri(environment["ASPNETCORE_URLS"].Replace("+", "0.0.0.0")).Port);
        Assert.Equal(RenderedOverlay.Port(silo, "silo").ToString(), environment["Orleans__SiloPort"]);
        Assert.Equal(RenderedOverlay.Port(silo, "gateway").ToString(), environment["Orleans__GatewayPort"]);
        Assert.All(ProbeKinds, kind => Assert.Equal("http", silo.GetProperty(kind).GetProperty("httpGet").GetProperty("port").GetString()));
        Assert.Equal("http", RenderedOverlay.Array(rendered.Single("Service").GetProperty("spec"), "ports").Single().GetProperty("targetPort").GetString());

        // Only HTTP is open to anyone: the silo and gateway ports are reachable from the cluster's own pods only.
        var rules = RenderedOverlay.Array(rendered.Single("NetworkPolicy").GetProperty("spec"), "ingress").ToList();
        var open = rules.Where(r => !r.TryGetProperty("from", out _)).SelectMany(r => RenderedOverlay.Array(r, "ports")).Select(p => p.GetProperty("port").GetString());
        var inside = rules.Where(r => r.TryGetProperty("from", out _)).SelectMany(r => RenderedOverlay.Array(r, "ports")).Select(p => p.GetProperty("port").GetString());
        Assert.Equal(["http"], open);
        Assert.Equal(["gateway", "silo"], inside.Order());

        // The pod's name and IP are the silo's name and the address other silos reach it at.
        Assert.Equal((PodName, "127.0.0.1"), (environment["Orleans__SiloName"], environment["Orleans__AdvertisedIP"]));

        // The root file system is read-only: the data folder must be a mounted volume.
        Assert.True(silo.GetProperty("securityContext").GetProperty("readOnlyRootFilesystem").GetBoolean());
        Assert.Contains(RenderedOverlay.Array(silo, "volumeMounts"), m => m.GetProperty("mountPath").GetString() == environment["DATA_DIR"]);

        // The preStop pause and the host's shutdown timeout both fit in the grace period.
        Assert.True(GracePeriod(rendered) > PreStop(rendered) + new HostOptions().ShutdownTimeout,
            $"terminationGracePeriodSeconds {GracePeriod(rendered)} must exceed preStop {PreStop(rendered)} + the host's shutdown timeout {new HostOptions().ShutdownTimeout}");

        // A rolling update starts the new silo before an old one leaves.
        Assert.Equal(0, rendered.Deployment.GetProperty("spec").GetProperty("strategy").GetProperty("rollingUpdate").GetProperty("maxUnavailable").GetInt32());
    }

    [Fact]
    public async Task ProdScalesFromTwoToTenSilosOnCpuWhileDevRunsOneInMemory()
    {
        var prod = await RenderedOverlay.RenderAsync("prod");
        var dev = await RenderedOverlay.RenderAsync("dev");
        var scaler = prod.Single("HorizontalPodAutoscaler").GetProperty("spec");

        Assert.Equal((2, 10), (scaler.GetProperty("minReplicas").GetInt32(), scaler.GetProperty("maxReplicas").GetInt32()));
        Assert.Equal("cpu", RenderedOverlay.Array(scaler, "metrics").Single().GetProperty("resource").GetProperty("name").GetString());
        Assert.True(prod.Has("PodDisruptionBudget"));
        Assert.Contains("ConnectionStrings__Redis", prod.EnvironmentOf(prod.Silo, DownwardApi).Keys);
        Assert.Contains("ConnectionStrings__Postgres", prod.EnvironmentOf(prod.Silo, DownwardApi).Keys);

        // Localhost clustering: a second dev replica would be a second platform, so dev has one and no autoscaler.
        Assert.Equal(1, dev.Deployment.GetProperty("spec").GetProperty("replicas").GetInt32());
        Assert.False(dev.Has("HorizontalPodAutoscaler"));
        Assert.DoesNotContain(dev.EnvironmentOf(dev.Silo, DownwardApi).Keys, key => key.StartsWith("ConnectionStrings__", StringComparison.Ordinal));
    }

    [Fact]
    public Task TheDevSiloStartsWithItsPodsEnvironmentPassesEveryProbeAndTheImagesHealthcheckAndStopsWithinItsGracePeriod() => RunPodAsync("dev");

    [RequiresServersFact(redis: true)]
    public Task TheProdPodMigratesThenItsSiloPassesEveryProbeAndTheImagesHealthcheckAndStopsWithinItsGracePeriod() => RunPodAsync("prod");

    [RequiresServersFact(redis: true)]
    public async Task EveryVariableTheManifestsSetIsOneTheSiloReads()
    {
        // Per overlay and command (the silo, or an init container's): the variables, and a baseline environment that starts.
        var commands = new Dictionary<string, (string[] Arguments, Dictionary<string, string> Baseline, HashSet<string> Variables)>();
        foreach (var overlay in RenderedOverlay.Names)
        {
            var rendered = await RenderedOverlay.RenderAsync(overlay);
            foreach (var container in rendered.InitContainers.Append(rendered.Silo))
            {
                var arguments = RenderedOverlay.Array(container, "args").Select(a => a.GetString()!).ToArray();
                var manifest = rendered.EnvironmentOf(container, DownwardApi);
                foreach (var variable in manifest.Keys.Where(v => !ProvenByThePodRuns.Contains(v)))
                {
                    Assert.True(RefusedValues.ContainsKey(variable),
                        $"overlay {overlay} sets {variable}, which the silo does not read (a new setting needs a value it refuses in {nameof(RefusedValues)})");
                }

                // Each run gets a data folder of its own (StartRefusedAsync).
                var baseline = OnLoopback(manifest, SiloEnvironment.NewServiceId("refusal"), dataFolder: "");
                baseline.Remove("DATA_DIR");
                commands[$"{overlay} {string.Join(' ', arguments)}"] = (arguments, baseline, [.. manifest.Keys.Where(v => !ProvenByThePodRuns.Contains(v))]);
            }
        }

        // All invalid at once: the start-up check names every setting it refuses. Settings read later are tried one by one.
        var problems = new List<string>();
        foreach (var (arguments, baseline, variables) in commands.Values)
        {
            var all = new Dictionary<string, string>(baseline);
            foreach (var variable in variables)
            {
                all[variable] = RefusedValues[variable];
            }

            var (_, output) = await StartRefusedAsync(arguments, all);
            var refusals = output.Split('\n').Where(line => line.StartsWith("Invalid configuration: ", StringComparison.Ordinal)).ToList();
            foreach (var variable in variables.Where(v => !refusals.Any(line => Names(line, v))))
            {
                var one = new Dictionary<string, string>(baseline) { [variable] = RefusedValues[variable] };
                var (exitCode, alone) = await StartRefusedAsync(arguments, one);
                if (exitCode == 0 || !(Names(alone, variable) || alone.Contains(RefusedValues[variable], StringComparison.Ordinal)))
                {
                    problems.Add($"{string.Join(' ', arguments)} {variable}='{RefusedValues[variable]}': exit code {exitCode}, not refused by name:\n{alone}");
                }
            }
        }

        // Every refused value is tried: the list of proven variables holds no name the manifests no longer set.
        Assert.Equal(RefusedValues.Keys.Order(), commands.Values.SelectMany(c => c.Variables).Distinct().Order());
        Assert.Empty(problems);
    }

    /// <summary>
    /// The pod's life on loopback: init containers, then the silo up through its probes, named after the pod, healthy to
    /// the image's own check, stopped by SIGTERM within the grace period, and unhealthy once stopped.
    /// </summary>
    private static async Task RunPodAsync(string overlay)
    {
        var rendered = await RenderedOverlay.RenderAsync(overlay);
        using var data = new TempFolder();
        var serviceId = SiloEnvironment.NewServiceId("manifest");
        foreach (var init in rendered.InitContainers)
        {
            var arguments = RenderedOverlay.Array(init, "args").Select(a => a.GetString()!).ToArray();
            var run = await SiloCommandAsync(arguments, OnLoopback(rendered.EnvironmentOf(init, DownwardApi), serviceId, data.Path));
            Assert.True(run.ExitCode == 0, $"init container {init.GetProperty("name")} ({string.Join(' ', arguments)}) failed:\n{run.Output}");
        }

        var manifest = rendered.EnvironmentOf(rendered.Silo, DownwardApi);
        var environment = OnLoopback(manifest, serviceId, data.Path);

        // The manifest's own URL, on loopback and a free port: the silo must listen where it says.
        var port = LoopbackPorts.Next();
        environment["ASPNETCORE_URLS"] = new UriBuilder(manifest["ASPNETCORE_URLS"].Replace("+", "0.0.0.0")) { Host = "127.0.0.1", Port = port }.Uri.ToString().TrimEnd('/');
        await using var silo = SiloProcess.Start(environment);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };

        foreach (var kind in ProbeKinds)
        {
            var probe = rendered.Silo.GetProperty(kind);
            var path = probe.GetProperty("httpGet").GetProperty("path").GetString()!;

            // Each probe must pass within the failures Kubernetes allows it; the startup probe's budget is the whole start.
            var budget = TimeSpan.FromSeconds(Seconds(probe, "periodSeconds", 10) * Seconds(probe, "failureThreshold", 3));
            await Eventually.Get(() => StatusAsync(http, path, silo), status => status == HttpStatusCode.OK, budget, $"{overlay} {kind} {path} answers 200");
        }

        var admin = new OrleansBotsAdminClient(http, manifest["ADMIN_TOKEN"]);
        var health = await admin.GetHealthAsync();
        Assert.Contains(health.Silos, s => s.Name == PodName);

        // The image's HEALTHCHECK (deploy/Dockerfile) asks the silo beside it, found from the container's wildcard URL.
        var container = new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = environment["ASPNETCORE_URLS"].Replace("127.0.0.1", "+") };
        var healthcheck = await Tool.RunAsync("dotnet", [SiloProcess.SiloAssembly, "healthcheck"], container);
        Assert.True(healthcheck.ExitCode == 0, healthcheck.Output);
        Assert.Contains($"http://127.0.0.1:{port}/healthz: 200", healthcheck.Output);

        var exitCode = await silo.TerminateAsync(GracePeriod(rendered) - PreStop(rendered));
        Assert.True(exitCode == 0, $"the silo exited with {exitCode} on SIGTERM:\n{silo.Log}");
        Assert.Equal(1, (await Tool.RunAsync("dotnet", [SiloProcess.SiloAssembly, "healthcheck"], container)).ExitCode);
    }

    /// <summary>Starts the command with the environment and waits for it to stop; a silo that serves instead counts as not refused (-1).</summary>
    private static async Task<(int ExitCode, string Output)> StartRefusedAsync(string[] arguments, Dictionary<string, string> environment)
    {
        using var data = new TempFolder();
        environment.TryAdd("DATA_DIR", data.Path);
        if (arguments.Length > 0)
        {
            var run = await SiloCommandAsync(arguments, environment);
            return (run.ExitCode, run.Output);
        }

        await using var silo = SiloProcess.Start(environment);
        try
        {
            return (await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)), silo.Log);
        }
        catch (OperationCanceledException)
        {
            return (0, $"still running after 60 s:\n{silo.Log}");
        }
    }

    private static bool Names(string text, string variable) =>
        text.Contains(variable, StringComparison.Ordinal) || text.Contains(variable.Replace("__", ":"), StringComparison.Ordinal);

    private static Task<Tool.Result> SiloCommandAsync(string[] arguments, Dictionary<string, string> environment) =>
        Tool.RunAsync("dotnet", [SiloProcess.SiloAssembly, .. arguments], environment.ToDictionary(e => e.Key, e => (string?)e.Value), TimeSpan.FromSeconds(90));

    /// <summary>
    /// The pod's environment made to run here: a folder of our own for DATA_DIR, a cluster of our own, the test servers
    /// for the connection strings, and no fixed ports (SiloProcess gives free ones under the same names).
    /// </summary>
    private static Dictionary<string, string> OnLoopback(Dictionary<string, string> manifest, string serviceId, string dataFolder)
    {
        var environment = new Dictionary<string, string>(manifest);
        environment.Remove("ASPNETCORE_URLS");
        environment.Remove("Orleans__SiloPort");
        environment.Remove("Orleans__GatewayPort");
        Replace(environment, "DATA_DIR", dataFolder);
        Replace(environment, "Orleans__ClusterId", serviceId);
        Replace(environment, "Orleans__ServiceId", serviceId);
        Replace(environment, "ConnectionStrings__Postgres", TestServers.Postgres);
        Replace(environment, "ConnectionStrings__Redis", TestServers.Redis);
        return environment;
    }

    private static void Replace(Dictionary<string, string> environment, string name, string? value)
    {
        if (environment.ContainsKey(name))
        {
            environment[name] = value ?? throw new InvalidOperationException($"{name} needs {TestServers.Missing}");
        }
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, string path, SiloProcess silo)
    {
        if (silo.HasExited)
        {
            throw new InvalidOperationException($"the silo exited:\n{silo.Log}");
        }

        using var response = await http.GetAsync(path.TrimStart('/'));
        return response.StatusCode;
    }

    private static TimeSpan GracePeriod(RenderedOverlay rendered) =>
        TimeSpan.FromSeconds(rendered.PodSpec.GetProperty("terminationGracePeriodSeconds").GetInt32());

    private static TimeSpan PreStop(RenderedOverlay rendered) =>
        rendered.Silo.TryGetProperty("lifecycle", out var lifecycle)
            ? TimeSpan.FromSeconds(lifecycle.GetProperty("preStop").GetProperty("sleep").GetProperty("seconds").GetInt32())
            : TimeSpan.Zero;

    private static int Seconds(JsonElement probe, string property, int fallback) =>
        probe.TryGetProperty(property, out var value) ? value.GetInt32() : fallback;
}
