using System.Globalization;

namespace OrleansBots.Bots;

/// <summary>
/// What a chat bot says: the price of one of its symbols, its status, or help. Pure: prices come from
/// the function it is given.
/// </summary>
public sealed class ChatResponder(IReadOnlyList<string> symbols, Func<string, decimal?> priceOf)
{
    public const int MaxMessageLength = 500;

    public string Reply(string message, BotInfo bot)
    {
        var words = message.Trim().TrimStart('/').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var command = words.Length == 0 ? string.Empty : words[0].ToLowerInvariant();
        return command switch
        {
            "help" or "start" => Help(),
            "price" when words.Length > 1 => Price(words[1].ToUpperInvariant()),
            "price" => symbols.Count == 0 ? "I follow no symbols." : string.Join("; ", symbols.Select(Price)),
            "symbols" => symbols.Count == 0 ? "I follow no symbols." : $"I follow {string.Join(", ", symbols)}.",
            "status" => $"{bot.Definition.Name} is {bot.Status.ToString().ToLowerInvariant()}, {bot.Restarts} restart(s) so far.",
            _ => $"I did not understand \"{Shorten(message.Trim())}\". {Help()}",
        };
    }

    private string Price(string symbol) => symbols.Contains(symbol)
        ? priceOf(symbol) is { } price
            ? $"{symbol} is at {price.ToString("0.########", CultureInfo.InvariantCulture)}."
            : $"{symbol}: no price right now (the market is not answering); try again shortly."
        : $"I do not follow {symbol}; I follow {(symbols.Count == 0 ? "no symbols" : string.Join(", ", symbols))}.";

    private static string Help() => "Try: price [SYMBOL], symbols, status, help.";

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
