using System.Collections.Concurrent;
using OrleansBots.Hardware;

namespace OrleansBots.Silo.Charts;

/// <summary>
/// Rendered chart files kept for a few seconds: every open /admin tab asks for all charts every 5 s, and each
/// drawing reads the metric history. Over the CPU target they are kept longer (monitoring steps back first).
/// </summary>
public sealed class RenderedCharts(TimeProvider time, ISiloLoad load)
{
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan FreshUnderLoad = TimeSpan.FromSeconds(30);

    // Charts × formats × the windows in use; past this the oldest drawings are simply forgotten.
    private const int MaxKept = 64;

    private readonly ConcurrentDictionary<(string Chart, ChartFormat Format, int Minutes), (DateTimeOffset At, byte[] Bytes)> _kept = new();

    public async Task<byte[]> GetOrRenderAsync(string chart, ChartFormat format, int minutes, Func<Task<byte[]>> render)
    {
        var key = (chart, format, minutes);
        var now = time.GetUtcNow();
        if (_kept.TryGetValue(key, out var kept) && now - kept.At < (load.OverCpuTarget ? FreshUnderLoad : Fresh))
        {
            return kept.Bytes;
        }

        var bytes = await render();
        if (_kept.Count >= MaxKept)
        {
            _kept.Clear();
        }

        _kept[key] = (now, bytes);
        return bytes;
    }
}
