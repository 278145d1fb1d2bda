using Microsoft.Extensions.Options;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using OrleansBots.Monitoring.Alerts;
using OrleansBots.Monitoring.Measuring;
using OrleansBots.Monitoring.Pipeline;

namespace OrleansBots.Monitoring.Store;

/// <summary>
/// Rows that do not fit in the writers' memory wait on disk (NDJSON files under <see cref="MetricsOptions.SpoolDirectory"/>)
/// until the store takes them again, also across restarts. One per silo, shared by its writers: a file is
/// claimed by one replay at a time. Beyond <see cref="MetricsOptions.MaxSpoolBytes"/> rows are dropped and counted.
/// </summary>
public sealed class MetricSpool(IOptions<MetricsOptions> options, PipelineInstruments instruments, ILogger<MetricSpool> logger)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly Lock _lock = new();
    private readonly HashSet<string> _claimed = [];
    private long _dropped;

    public string Directory => Path.GetFullPath(options.Value.SpoolDirectory);

    /// <summary>Rows dropped since the silo started because the spool was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Writes the rows to a new file; returns how many were dropped because the disk bound was hit.</summary>
    public int Spill(IReadOnlyList<MetricAggregate> aggregates, IReadOnlyList<AlertRecord> alerts)
    {
        if (aggregates.Count == 0 && alerts.Count == 0)
        {
            return 0;
        }

        lock (_lock)
        {
            System.IO.Directory.CreateDirectory(Directory);
            var room = options.Value.MaxSpoolBytes - UsedBytes();
            var path = Path.Combine(Directory, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.ndjson");
            var written = 0;
            var buffer = new StringBuilder();

            // Alerts first: they are few and matter most.
            var lines = alerts.Select(a => new SpoolLine(null, a)).Concat(aggregates.Select(m => new SpoolLine(m, null)));
            long bytes = 0;
            foreach (var line in lines)
            {
                var text = JsonSerializer.Serialize(line, Json);
                var size = Encoding.UTF8.GetByteCount(text) + 1;
                if (bytes + size > room)
                {
                    break;
                }

                buffer.Append(text).Append('\n');
                bytes += size;
                written++;
            }

            if (written > 0)
            {
                File.WriteAllText(path + ".tmp", buffer.ToString());
                File.Move(path + ".tmp", path);
            }

            var dropped = aggregates.Count + alerts.Count - written;
            if (dropped > 0)
            {
                Interlocked.Add(ref _dropped, dropped);
                instruments.Dropped(dropped, "spool_full");
                logger.LogError(
                    "Metrics spool full ({Max} bytes at {Directory}): dropped {Dropped} rows ({Total} since start)",
                    options.Value.MaxSpoolBytes, Directory, dropped, Dropped);
            }

            if (written > 0)
            {
                logger.LogWarning("Spilled {Rows} metric rows to {File} until the store takes them again", written, Path.GetFileName(path));
            }

            return dropped;
        }
    }

    /// <summary>The oldest file no one is replaying, claimed for the caller; null when there is none.</summary>
    public string? Claim()
    {
        lock (_lock)
        {
            if (!System.IO.Directory.Exists(Directory))
            {
                return null;
            }

            var next = System.IO.Directory.EnumerateFiles(Directory, "*.ndjson")
                .Order(StringComparer.Ordinal)
                .FirstOrDefault(path => !_claimed.Contains(path));
            if (next is not null)
            {
                _claimed.Add(next);
            }

            return next;
        }
    }

    public (List<MetricAggregate> Aggregates, List<AlertRecord> Alerts) Read(string path)
    {
        var aggregates = new List<MetricAggregate>();
        var alerts = new List<AlertRecord>();
        foreach (var text in File.ReadLines(path))
        {
            if (text.Length == 0)
            {
                continue;
            }

            var line = JsonSerializer.Deserialize<SpoolLine>(text, Json);
            if (line?.Metric is { } metric)
            {
                aggregates.Add(metric);
            }
            else if (line?.Alert is { } alert)
            {
                alerts.Add(alert);
            }
        }

        return (aggregates, alerts);
    }

    /// <summary>The file's rows are stored: it goes.</summary>
    public void Complete(string path)
    {
        lock (_lock)
        {
            File.Delete(path);
            _claimed.Remove(path);
        }
    }

    /// <summary>The replay failed: the file stays for the next one.</summary>
    public void Release(string path)
    {
        lock (_lock)
        {
            _claimed.Remove(path);
        }
    }

    private long UsedBytes() => System.IO.Directory.EnumerateFiles(Directory, "*.ndjson").Sum(path => new FileInfo(path).Length);
}
