using OrleansBots.Hardware;

namespace OrleansBots.Tests.Hardware;

[Collection(ClusterCollection.Name)]
public sealed class HardwareRegistryTests(ClusterFixture fixture)
{
    [Fact]
    public async Task EverySiloRegistersItsHardwareAndReportsItsLoad()
    {
        var registry = fixture.Grains.GetGrain<IHardwareRegistryGrain>(IHardwareRegistryGrain.GlobalKey);

        var silos = await Eventually.Get(
            registry.GetSilos,
            s => s.Count == fixture.Cluster.Silos.Count && s.Values.All(r => r.Hardware is not null && r.Load is not null),
            TimeSpan.FromSeconds(20),
            "every silo registered with a load");

        var silo = Assert.Single(silos);
        Assert.Equal(fixture.Cluster.Silos[0].SiloAddress.ToParsableString(), silo.Key);
        Assert.Equal(Environment.ProcessorCount, silo.Value.Hardware!.Cpu.CoresLogical);
        Assert.True(silo.Value.Hardware.RecommendedMaxBots >= 1);
    }
}
