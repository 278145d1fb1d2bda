using System.Text;

namespace OrleansBots.Chat;

/// <summary>
/// One IRC line with IRCv3 tags, as Twitch sends them:
/// <c>@badges=moderator/1;mod=1 :nick!nick@nick.tmi.twitch.tv PRIVMSG #channel :text</c>. Tag values are unescaped
/// (<c>\s</c> space, <c>\:</c> semicolon, <c>\\</c>, <c>\r</c>, <c>\n</c>); the last parameter is the trailing one.
/// </summary>
public sealed record IrcMessage(IReadOnlyDictionary<string, string> Tags, string? Prefix, string Command, IReadOnlyList<string> Parameters)
{
    private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>();

    /// <summary>The nick of the sender: the prefix up to its <c>!</c>.</summary>
    public string? Nick => Prefix is null ? null : Prefix.Split('!', 2)[0];

    /// <summary>The last parameter (the text of a PRIVMSG), or an empty string.</summary>
    public string Trailing => Parameters.Count == 0 ? string.Empty : Parameters[^1];

    public string? Tag(string name) => Tags.TryGetValue(name, out var value) ? value : null;

    /// <summary>
    /// A moderator or the broadcaster of the channel, from the <c>badges</c> tag (<c>broadcaster/1</c>,
    /// <c>moderator/1</c>) or the <c>mod=1</c> tag.
    /// </summary>
    public bool IsModerator =>
        Tag("mod") == "1"
        || (Tag("badges") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Any(badge => badge.StartsWith("moderator/", StringComparison.Ordinal) || badge.StartsWith("broadcaster/", StringComparison.Ordinal));

    /// <summary>Parses one line (without its CR LF); null for an empty or malformed line.</summary>
    public static IrcMessage? Parse(string line)
    {
        var rest = line.AsSpan().TrimEnd("\r\n");
        var tags = NoTags;
        if (rest.StartsWith("@"))
        {
            var end = rest.IndexOf(' ');
            if (end < 0)
            {
                return null;
            }

            tags = ParseTags(rest[1..end]);
            rest = rest[(end + 1)..].TrimStart(' ');
        }

        string? prefix = null;
        if (rest.StartsWith(":"))
        {
            var end = rest.IndexOf(' ');
            if (end < 0)
            {
                return null;
            }

            prefix = rest[1..end].ToString();
            rest = rest[(end + 1)..].TrimStart(' ');
        }

        var parameters = new List<string>();
        string? command = null;
        while (!rest.IsEmpty)
        {
            if (command is not null && rest.StartsWith(":"))
            {
                parameters.Add(rest[1..].ToString());
                break;
            }

            var end = rest.IndexOf(' ');
            var word = (end < 0 ? rest : rest[..end]).ToString();
            if (command is null)
            {
                command = word.ToUpperInvariant();
            }
            else
            {
                parameters.Add(word);
            }

            rest = end < 0 ? ReadOnlySpan<char>.Empty : rest[(end + 1)..].TrimStart(' ');
        }

        return command is null ? null : new IrcMessage(tags, prefix, command, parameters);
    }

    /// <summary>The line to send for a command whose last parameter may hold spaces (it is sent as the trailing one).</summary>
    public static string Format(string command, params string[] parameters)
    {
        var line = new StringBuilder(command);
        for (var i = 0; i < parameters.Length; i++)
        {
            line.Append(' ');
            if (i == parameters.Length - 1)
            {
                line.Append(':');
            }

            line.Append(parameters[i]);
        }

        return line.ToString();
    }

    private static Dictionary<string, string> ParseTags(ReadOnlySpan<char> raw)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var range in raw.Split(';'))
        {
            var pair = raw[range];
            if (pair.IsEmpty)
            {
                continue;
            }

            var equals = pair.IndexOf('=');
            var key = (equals < 0 ? pair : pair[..equals]).ToString();
            tags[key] = equals < 0 ? string.Empty : Unescape(pair[(equals + 1)..]);
        }

        return tags;
    }

    private static string Unescape(ReadOnlySpan<char> value)
    {
        if (value.IndexOf('\\') < 0)
        {
            return value.ToString();
        }

        var text = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != '\\' || i == value.Length - 1)
            {
                text.Append(value[i] == '\\' ? string.Empty : value[i]);
                continue;
            }

            i++;
            text.Append(value[i] switch
            {
                's' => ' ',
                ':' => ';',
                'r' => '\r',
                'n' => '\n',
                var other => other,
            });
        }

        return text.ToString();
    }
}
