using OrleansBots.Monitoring.Bottlenecks;
using OrleansBots.Monitoring.Pipeline;
using OrleansBots.Monitoring.Query;
using OrleansBots.Monitoring.Store;
using OrleansBots.Tests.Monitoring.Alerts;
using OrleansBots.Tests.Monitoring.Measuring;
using OrleansBots.Tests.Monitoring.Pipeline;

namespace OrleansBots.Tests.Monitoring.Bottlenecks;

[Collection(ClusterCollection.Name)]
public sealed class BottleneckBoardGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task TheBoardAnswersEverySilosLatestReportAndForgetsSilosThatStoppedPosting()
    {
        var board = fixture.Grains.GetGrain<IBottleneckBoardGrain>($"board-{Guid.NewGuid():N}");
        var at = DateTimeOffset.UtcNow;
        await board.Post(new BottleneckReport("silo-b", at, [], [new ResourceBottleneck("cpu", 95, 90, at)]));
        await board.Post(new BottleneckReport("silo-a", at, [new OperationBottleneck("trade", 0.9, 0.1, 9, 12, at)], []));
        await board.Post(new BottleneckReport("silo-a", at.AddSeconds(10), [], []));
        await board.Post(new BottleneckReport(null, null, [], []));

        var reports = await board.GetReports(TimeSpan.FromMinutes(1));
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var afterSilence = await board.GetReports(TimeSpan.FromMilliseconds(100));

        Assert.Equal(["silo-a", "silo-b"], reports.Select(r => r.Silo));
        Assert.Equal((at.AddSeconds(10), 0), (reports[0].At!.Value, reports[0].Operations.Count));
        Assert.Equal("cpu", Assert.Single(reports[1].Resources).Resource);
        Assert.Empty(afterSilence);
    }
}
