using OrleansBots.Cache;
using OrleansBots.Tests.Quotas;

namespace OrleansBots.Tests.Cache;

[Collection(ClusterCollection.Name)]
public sealed class ShardSizingTests(ClusterFixture fixture)
{
    [Fact]
    public async Task UnderMemoryPressureAShardShedsAndSaysSoThenRecovers()
    {
        var shard = fixture.Grains.GetGrain<ICacheShardGrain>(7);
        await shard.Set("sizing-probe", new byte[100], TimeSpan.FromMinutes(5));
        var before = await shard.GetStats();
        try
        {
            FakeMemoryPressure.Instance.IsUnderPressure = true;
            var shedding = await Eventually.Get(() => shard.GetStats(), s => s.SheddingShards == 1, TimeSpan.FromSeconds(10), "shard shedding");

            Assert.Equal(before.MaxBytes, before.BudgetBytes);
            Assert.Equal(before.MaxBytes / 2, shedding.BudgetBytes);
        }
        finally
        {
            FakeMemoryPressure.Instance.IsUnderPressure = false;
        }

        var recovered = await Eventually.Get(() => shard.GetStats(), s => s.SheddingShards == 0, TimeSpan.FromSeconds(10), "shard recovered");
        Assert.Equal(before.MaxBytes, recovered.BudgetBytes);
    }
}
