using OrleansBots.Market.Egress;

namespace OrleansBots.Tests.Market.Egress;

public sealed class LatencyWindowTests
{
    [Fact]
    public void KeepsOnlyTheLastSamples()
    {
        var window = new LatencyWindow(3);
        foreach (var sample in new[] { 100.0, 1, 2, 3 })
        {
            window.Add(sample);
        }

        Assert.Equal((1.0, 3.0, 2.0), (window.Min, window.Max, window.Average));
    }

    [Fact]
    public void PercentilesAreNearestRank()
    {
        var window = new LatencyWindow(10);
        foreach (var sample in Enumerable.Range(1, 10))
        {
            window.Add(sample);
        }

        Assert.Equal((5.0, 10.0, 10.0), (window.Percentile(0.5), window.Percentile(0.95), window.Percentile(1)));
    }

    [Fact]
    public void AnEmptyWindowReportsZeros()
    {
        var window = new LatencyWindow(10);

        Assert.Equal((0.0, 0.0, 0.0, 0.0), (window.Min, window.Max, window.Average, window.Percentile(0.95)));
    }
}
