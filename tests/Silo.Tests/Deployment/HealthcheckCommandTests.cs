using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Deployment;

/// <summary>The silo's <c>healthcheck</c> command, which the container image's HEALTHCHECK runs (deploy/Dockerfile).</summary>
public sealed class HealthcheckCommandTests
{
    [Fact]
    public async Task TheHealthcheckPassesWhileTheSiloServesOnAWildcardAddressAndFailsOnceItStopped()
    {
        using var data = new TempFolder();
        await using var silo = SiloProcess.Start(new Dictionary<string, string> { ["DATA_DIR"] = data.Path, ["ADMIN_TOKEN"] = SiloEnvironment.AdminToken });
        await silo.WaitReadyAsync();

        // As in the image: the silo listens on every interface (http://+:PORT) and the check asks it on loopback.
        var environment = new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = $"http://+:{silo.HttpPort}" };
        var whileServing = await Tool.RunAsync("dotnet", [SiloProcess.SiloAssembly, "healthcheck"], environment);
        await silo.TerminateAsync(TimeSpan.FromSeconds(60));
        var afterStop = await Tool.RunAsync("dotnet", [SiloProcess.SiloAssembly, "healthcheck"], environment);

        Assert.True(whileServing.ExitCode == 0, whileServing.Output);
        Assert.Contains($"http://127.0.0.1:{silo.HttpPort}/healthz: 200", whileServing.Output);
        Assert.Equal(1, afterStop.ExitCode);
    }
}
