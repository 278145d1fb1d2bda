namespace OrleansBots.Chat;

/// <summary>
/// A command a viewer gave the bot: <c>!ask what is a moving average?</c>, <c>!price BTCUSDT</c>, or a message that
/// starts with <c>@botnick</c> (a question). Anything else in the channel is conversation between people: no command.
/// </summary>
public sealed record ChatCommand(string Name, string Argument)
{
    public const string Ask = "ask";

    /// <summary>Commands whose answer is the same for everyone, so the channel-wide cooldown applies to them.</summary>
    public static readonly IReadOnlySet<string> Shared = new HashSet<string>(StringComparer.Ordinal) { "price", "symbols", "status", "help", "queue" };

    public bool IsQuestion => Name == Ask;

    /// <summary>The command in <paramref name="text"/>, or null when there is none the bot knows.</summary>
    public static ChatCommand? Parse(string text, string prefix, string botNick)
    {
        var trimmed = text.Trim();
        var mention = "@" + botNick;
        if (trimmed.StartsWith(mention, StringComparison.OrdinalIgnoreCase) && (trimmed.Length == mention.Length || !IsNickChar(trimmed[mention.Length])))
        {
            var question = trimmed[mention.Length..].TrimStart(',', ':', ' ');
            return question.Length == 0 ? null : new ChatCommand(Ask, question);
        }

        if (!trimmed.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var words = trimmed[prefix.Length..].Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            return null;
        }

        var name = words[0].ToLowerInvariant();
        var argument = words.Length > 1 ? words[1] : string.Empty;
        return name switch
        {
            Ask when argument.Length > 0 => new ChatCommand(Ask, argument),
            _ when Shared.Contains(name) => new ChatCommand(name, argument),
            _ => null,
        };
    }

    private static bool IsNickChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
