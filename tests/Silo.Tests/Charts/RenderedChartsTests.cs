using Microsoft.Extensions.Time.Testing;
using OrleansBots.Silo.Charts;
using OrleansBots.Tests.Monitoring.Pipeline;

namespace OrleansBots.Silo.Tests.Charts;

public sealed class RenderedChartsTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private readonly ScriptedSiloLoad _load = new();
    private int _drawn;

    [Fact]
    public async Task AChartAskedForAgainWithinFiveSecondsIsNotDrawnAgain()
    {
        var charts = new RenderedCharts(_time, _load);

        var first = await charts.GetOrRenderAsync("cpu", ChartFormat.Png, 60, DrawAsync);
        _time.Advance(TimeSpan.FromSeconds(4));
        var again = await charts.GetOrRenderAsync("cpu", ChartFormat.Png, 60, DrawAsync);
        var otherWindow = await charts.GetOrRenderAsync("cpu", ChartFormat.Png, 5, DrawAsync);
        _time.Advance(TimeSpan.FromSeconds(1));
        var later = await charts.GetOrRenderAsync("cpu", ChartFormat.Png, 60, DrawAsync);

        Assert.Same(first, again);
        Assert.NotSame(first, otherWindow);
        Assert.NotSame(first, later);
        Assert.Equal(3, _drawn);
    }

    [Fact]
    public async Task OverTheCpuTargetChartsAreKeptThirtySeconds()
    {
        var charts = new RenderedCharts(_time, _load);
        _load.OverCpuTarget = true;

        await charts.GetOrRenderAsync("ticks", ChartFormat.Svg, 60, DrawAsync);
        _time.Advance(TimeSpan.FromSeconds(29));
        await charts.GetOrRenderAsync("ticks", ChartFormat.Svg, 60, DrawAsync);
        _time.Advance(TimeSpan.FromSeconds(1));
        await charts.GetOrRenderAsync("ticks", ChartFormat.Svg, 60, DrawAsync);

        Assert.Equal(2, _drawn);
    }

    private Task<byte[]> DrawAsync()
    {
        _drawn++;
        return Task.FromResult(new byte[] { (byte)_drawn });
    }
}
