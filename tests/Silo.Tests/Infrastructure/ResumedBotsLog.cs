using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansBots.Silo.Tests.Infrastructure;

/// <summary>The silo's lines counting the bots that resumed from storage (ResumedBots, a line a second), read from its log.</summary>
public static partial class ResumedBotsLog
{
    /// <summary>"{N} bot(s) resumed from storage on {silo} ...": group 1 is how many bots the line counts.</summary>
    [GeneratedRegex(@"(\d+) bot\(s\) resumed from storage")]
    public static partial Regex Line();

    /// <summary>How many bots the log's lines count together.</summary>
    public static int Count(string log) =>
        Line().Matches(log).Sum(match => int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture));
}
