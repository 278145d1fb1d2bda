using OrleansBots.Tests.Monitoring.Measuring;
using OrleansBots.Tests.Monitoring.Pipeline;

namespace OrleansBots.Silo.Tests.Monitoring.Metrics;

public sealed class PrometheusTextTests
{
    private const string Valid = """
        # TYPE trades_total counter
        # HELP trades_total Trades by status
        trades_total{status="filled"} 3
        trades_total{status="refused",note="a \"quoted\" \\ value"} 0 1732536000000
        # TYPE tick_seconds histogram
        tick_seconds_bucket{le="0.1"} 1
        tick_seconds_bucket{le="+Inf"} 2
        tick_seconds_sum 0.35
        tick_seconds_count 2

        """;

    [Fact]
    public void ReadsFamiliesSamplesAndEscapedLabels()
    {
        var text = PrometheusText.Parse(Valid);

        Assert.Equal("counter", text.Families["trades_total"].Type);
        Assert.Equal("a \"quoted\" \\ value", text.Families["trades_total"].Samples[1].Labels["note"]);
        Assert.Equal(4, text.FamilyStartingWith("tick_seconds")!.Samples.Count);
    }

    [Theory]
    [InlineData("trades_total 1\n", "no TYPE")]
    [InlineData("# TYPE a gauge\na{x=\"1", "ends too early")]
    [InlineData("# TYPE a gauge\na{x=1} 2\n", "bad label")]
    [InlineData("# TYPE a gauge\na lots\n", "bad value")]
    [InlineData("# TYPE a gauge\na 1\na 2\n", "twice")]
    [InlineData("# TYPE a gauge\n# TYPE a counter\n", "second or unknown TYPE")]
    [InlineData("# TYPE a gauge\n# TYPE b gauge\na 1\nb 1\na{x=\"y\"} 1\n", "not one group")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n", "grow")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n", "+Inf")]
    public void RejectsWhatPrometheusWouldNotRead(string text, string problem)
    {
        var error = Assert.Throws<FormatException>(() => PrometheusText.Parse(text));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
