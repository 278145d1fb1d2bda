using System.Globalization;
using System.Text;
using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Chaos;

/// <summary>
/// Where a failover spends its time, read from the silos' logs (stamped to the millisecond): after each event, when
/// a silo first voted against another and when the votes made it dead (Orleans' membership log), when the first
/// silo saw a silo leave, the capacity grain started calling bots back, the capacity grain activated again,
/// a stopping silo handed its bots over, and when the bots that resumed from storage did (the first and last of the
/// silos' lines a second that count them). Each is the first such line after the event and before the next one; a
/// stage that did not happen is left out.
/// </summary>
public static class ChaosStages
{
    private static readonly (string Stage, string Marker)[] Markers =
    [
        ("first suspicion", "Voting to evict"),
        ("voted dead", "Evicting '"),
        ("silo seen leaving", "Silo(s) leaving the cluster"),
        ("handed over", "Handed over"),
        ("capacity calls bots", "A silo left the cluster (membership version"),
        ("capacity active again", "Capacity grain active on"),
    ];

    public static string Describe(ChaosEvent chaos, DateTimeOffset until, IEnumerable<string> logs)
    {
        var lines = logs.SelectMany(log => log.Split('\n'))
            .Select(line => (At: StampOf(line, chaos.At), Line: line))
            .Where(l => l.At is { } at && at >= chaos.At && at < until)
            .Select(l => (At: l.At!.Value, l.Line))
            .OrderBy(l => l.At)
            .ToList();
        var text = new StringBuilder();
        foreach (var (stage, marker) in Markers)
        {
            if (lines.FirstOrDefault(l => l.Line.Contains(marker, StringComparison.Ordinal)) is { Line: not null } first)
            {
                text.Append(CultureInfo.InvariantCulture, $"{stage} +{(first.At - chaos.At).TotalSeconds:0.0} s, ");
            }
        }

        var resumed = lines.Select(l => (l.At, Match: ResumedBotsLog.Line().Match(l.Line))).Where(l => l.Match.Success).ToList();
        if (resumed.Count > 0)
        {
            var count = resumed.Sum(l => int.Parse(l.Match.Groups[1].ValueSpan, CultureInfo.InvariantCulture));
            text.Append(CultureInfo.InvariantCulture, $"{count} bots resumed from storage +{(resumed[0].At - chaos.At).TotalSeconds:0.0}..{(resumed[^1].At - chaos.At).TotalSeconds:0.0} s, ");
        }

        return text.Length == 0 ? "no stage logged" : text.ToString(0, text.Length - 2);
    }

    /// <summary>The UTC time a silo log line starts with ("HH:mm:ss.fff "), on the day of <paramref name="near"/>.</summary>
    private static DateTimeOffset? StampOf(string line, DateTimeOffset near)
    {
        if (line.Length < 12 || !TimeSpan.TryParseExact(line[..12], @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture, out var time))
        {
            return null;
        }

        var at = new DateTimeOffset(near.UtcDateTime.Date + time, TimeSpan.Zero);
        return at < near - TimeSpan.FromHours(12) ? at.AddDays(1) : at;
    }
}
