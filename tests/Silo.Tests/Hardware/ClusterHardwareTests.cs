using System.Net.Http.Headers;
using System.Text.Json;
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
        var admin = new OrleansBotsAdminClient(http, SiloEnvironment.AdminToken);

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

        // Each silo posts its bottleneck report every metrics interval (10 s): either silo answers for both.
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SiloEnvironment.AdminToken);
        var reporting = await Eventually.Get(
            async () => JsonDocument.Parse(await http.GetStringAsync("api/admin/bottlenecks")).RootElement.GetProperty("silos").EnumerateArray().Select(s => s.GetString()).ToList(),
            silos => silos.Count == 2,
            TimeSpan.FromSeconds(45),
            "both silos on the bottleneck board");
        Assert.Equal(2, reporting.Distinct().Count());
    }
}
