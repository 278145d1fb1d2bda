using OrleansBots.Client;
using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Hardware;

public sealed class ClusterHardwareTests
{
    [RequiresServersFact(redis: true)]
    public async Task EitherSilosStatsShowEverySilosHardwareAndLoad()
    {
        await using var pair = await SiloPair.StartAsync("hardware", maxConcurrentBots: 10);
        using var http = pair.B.CreateHttpClient();
        var admin = new OrleansBotsClient(http, SiloEnvironment.AdminToken);

        var stats = await Eventually.Get(
            () => admin.GetStatsAsync(),
            s => s.Silos.Count == 2 && s.Silos.All(silo => silo.Hardware is not null && silo.Load is not null),
            TimeSpan.FromSeconds(30),
            "both silos in the stats with their hardware and load");

        Assert.Equal(2, stats.Silos.Select(s => s.Address).Distinct().Count());
        Assert.All(stats.Silos, silo =>
        {
            Assert.Equal(Environment.ProcessorCount, silo.Hardware!.Cpu.CoresLogical);
            Assert.True(silo.Hardware.RecommendedMaxBots >= 1);
        });
    }
}
