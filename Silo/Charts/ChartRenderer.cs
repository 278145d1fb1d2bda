using System.Globalization;
using System.Text;
using ScottPlot;

namespace OrleansBots.Silo.Charts;

/// <summary>Draws a chart's lines server-side with ScottPlot, as PNG or SVG, times in UTC.</summary>
public static class ChartRenderer
{
    public const int Width = 720;
    public const int Height = 260;
    private const string SansFamily = "DejaVu Sans";

    public static byte[] Render(ChartDefinition chart, IReadOnlyList<ChartLine> lines, DateTimeOffset from, DateTimeOffset to, ChartFormat format, string? emptyNote = null)
    {
        using var plot = new Plot();
        plot.Title(chart.Title, size: 16);
        plot.YLabel(chart.YLabel, size: 12);

        // Skia without fontconfig takes the first font it finds as "sans" (DejaVu Serif on Debian); an unknown
        // family falls back to that same default, so naming one is safe.
        plot.Font.Set(SansFamily);
        var axis = plot.Axes.DateTimeTicksBottom();
        if (axis.TickGenerator is ScottPlot.TickGenerators.DateTimeAutomatic ticks)
        {
            var pattern = to - from > TimeSpan.FromDays(1) ? "MM-dd HH:mm" : to - from > TimeSpan.FromMinutes(10) ? "HH:mm" : "HH:mm:ss";
            ticks.LabelFormatter = time => time.ToString(pattern, CultureInfo.InvariantCulture);
        }

        foreach (var line in lines)
        {
            var xs = line.Times.Select(t => t.UtcDateTime.ToOADate()).ToArray();
            var ys = line.Values.ToArray();
            if (chart.Metric is null)
            {
                var bars = plot.Add.Bars(xs, ys);
                foreach (var bar in bars.Bars)
                {
                    bar.Size = (to - from).TotalDays / Math.Max(1, xs.Length) * 0.8;
                }
            }
            else
            {
                var scatter = plot.Add.Scatter(xs, ys);
                scatter.LegendText = line.Label;
                scatter.MarkerSize = xs.Length > 60 ? 0 : 4;
            }
        }

        plot.Axes.SetLimitsX(from.UtcDateTime.ToOADate(), to.UtcDateTime.ToOADate());
        var top = lines.SelectMany(l => l.Values).DefaultIfEmpty(0).Max();
        plot.Axes.SetLimitsY(0, chart.YMax is { } max && top <= max ? max : Math.Max(1, top * 1.1));
        if (lines.Count > 1 && chart.Metric is not null)
        {
            plot.ShowLegend(Alignment.UpperLeft);
        }

        if (lines.Count == 0 || lines.All(l => l.Values.Count == 0))
        {
            var note = plot.Add.Annotation(emptyNote ?? "No data in this window", Alignment.MiddleCenter);
            note.LabelFontSize = 14;
        }

        return format == ChartFormat.Png
            ? plot.GetImageBytes(Width, Height, ImageFormat.Png)
            : Encoding.UTF8.GetBytes(plot.GetSvgXml(Width, Height));
    }
}
