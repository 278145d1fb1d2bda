namespace OrleansBots.Silo.Tests.Deployment;

/// <summary>The deployment files, checked offline: no Docker daemon or Kubernetes cluster is needed.</summary>
public sealed class DeploymentFileTests
{
    private const string ComposeFile = "deploy/compose/docker-compose.yml";

    [Fact]
    public async Task EveryKubernetesOverlayRendersAndEachObjectFitsItsSchema()
    {
        var run = await Tool.RunAsync("node", ["deploy/validate/validate.mjs", "kubernetes"]);

        Assert.True(run.ExitCode == 0, run.Output);
        foreach (var overlay in RenderedOverlay.Names)
        {
            Assert.Contains($"ok   {overlay}: Deployment/orleansbots-silo", run.Output);
        }
    }

    [Fact]
    public async Task TheDockerfileParsesAndBuildsTheSiloIntoANonRootImageWithAHealthCheck()
    {
        var run = await Tool.RunAsync("node", ["deploy/validate/validate.mjs", "dockerfile"]);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("ok   Dockerfile", run.Output);
    }

    [Fact]
    public async Task TheComposeFileRendersThreeSilosBehindOnePublishedHttpPort()
    {
        var run = await ComposeConfigAsync(adminToken: "compose-test-token");

        Assert.True(run.ExitCode == 0, run.Output);
        var services = Services(run.Output);
        Assert.Equal(["loadbalancer", "migrate", "postgres", "redis", "silo1", "silo2", "silo3"], services.Keys.Order());

        // Only the load balancer publishes a port; the silos share one admin token and run after the migrate job.
        Assert.Equal(["loadbalancer"], services.Where(s => s.Value.Contains("published:")).Select(s => s.Key));
        Assert.All(["silo1", "silo2", "silo3"], silo =>
        {
            Assert.Contains("ADMIN_TOKEN: compose-test-token", services[silo]);
            Assert.Contains("condition: service_completed_successfully", services[silo]);
            Assert.Contains($"Orleans__SiloName: {silo}", services[silo]);

            // Each variable is one the manifest contract proves the silo reads.
            var names = Environment(services[silo]).ToList();
            Assert.Contains("ConnectionStrings__Redis", names);
            Assert.All(names, name => Assert.Contains(name, ManifestContractTests.VariablesTheSiloReads));
        });
        Assert.Contains("- migrate", services["migrate"]);
    }

    [Fact]
    public async Task TheComposeFileRefusesToRenderWithoutAnAdminToken()
    {
        var run = await ComposeConfigAsync(adminToken: null);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("set ADMIN_TOKEN", run.Output);
    }

    private static Task<Tool.Result> ComposeConfigAsync(string? adminToken) =>
        Tool.RunAsync("docker-compose", ["-f", ComposeFile, "config"], new Dictionary<string, string?> { ["ADMIN_TOKEN"] = adminToken });

    /// <summary>The variable names of a service's <c>environment:</c> block.</summary>
    private static IEnumerable<string> Environment(string service)
    {
        var lines = service.Split('\n');
        var start = Array.FindIndex(lines, line => line == "    environment:");
        return lines.Skip(start + 1).TakeWhile(line => line.StartsWith("      ", StringComparison.Ordinal)).Select(line => line.Trim().Split(':')[0]);
    }

    /// <summary>The rendered file's services, each with its block of lines (docker-compose config writes two-space YAML).</summary>
    private static Dictionary<string, string> Services(string rendered)
    {
        var services = new Dictionary<string, string>();
        string? current = null;
        var inServices = false;
        foreach (var line in rendered.Split('\n'))
        {
            if (!line.StartsWith(' '))
            {
                inServices = line.StartsWith("services:", StringComparison.Ordinal);
                current = null;
            }
            else if (inServices && line.Length > 2 && line[2] != ' ')
            {
                current = line.Trim().TrimEnd(':');
                services[current] = "";
            }
            else if (current is not null)
            {
                services[current] += line + "\n";
            }
        }

        return services;
    }
}
