using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansBots.Bots;

/// <summary>Turns a bot as its owner asked for it into a definition, or into a message naming the bad field.</summary>
public static partial class BotRequestValidator
{
    public const int MaxNameLength = 64;
    public const int MaxSymbols = 10;
    public const double MaxTickSeconds = 86_400;

    private static readonly Dictionary<string, BotKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["trading"] = BotKind.Trading,
        ["chat"] = BotKind.Chat,
    };

    private static readonly HashSet<string> Strategies = new(StringComparer.OrdinalIgnoreCase)
    {
        BotDefinition.MovingAverageCrossover,
        "moving_average_crossover",
        BotDefinition.NewTokens,
    };

    public static (BotDefinition? Definition, string? Error) Validate(BotDraft request, double minTickSeconds)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return Fail("name is required");
        }

        if (name.Length > MaxNameLength)
        {
            return Fail($"name must be at most {MaxNameLength} characters (got {name.Length})");
        }

        if (name.Any(IsInvisible))
        {
            return Fail("name must not contain control or formatting characters");
        }

        if (!Kinds.TryGetValue(request.Kind ?? "trading", out var kind))
        {
            return Fail($"kind '{request.Kind}' is unknown; known kinds: {string.Join(", ", Kinds.Keys)}");
        }

        string? strategy = null;
        if (kind == BotKind.Trading)
        {
            if (request.Strategy is not null && !Strategies.Contains(request.Strategy))
            {
                return Fail($"strategy '{request.Strategy}' is unknown; known strategies: {BotDefinition.MovingAverageCrossover}, {BotDefinition.NewTokens}");
            }

            strategy = string.Equals(request.Strategy, BotDefinition.NewTokens, StringComparison.OrdinalIgnoreCase) ? BotDefinition.NewTokens : BotDefinition.MovingAverageCrossover;
        }
        else if (request.Strategy is not null)
        {
            return Fail("strategy applies to trading bots only");
        }

        var requested = request.Symbols ?? [];
        if (kind == BotKind.Trading && requested.Count == 0)
        {
            return Fail("symbols is required for a trading bot: a list of 1 to 10 symbols such as \"BTCUSDT\"");
        }

        if (requested.Count > MaxSymbols)
        {
            return Fail($"symbols may hold at most {MaxSymbols} symbols (got {requested.Count})");
        }

        var symbols = new List<string>();
        foreach (var raw in requested)
        {
            var symbol = raw?.Trim().ToUpperInvariant();
            if (symbol is null || !SymbolPattern().IsMatch(symbol))
            {
                return Fail($"symbols: '{raw}' is not a symbol (2–20 letters or digits, e.g. BTCUSDT)");
            }

            if (!symbols.Contains(symbol))
            {
                symbols.Add(symbol);
            }
        }

        var tick = request.TickSeconds ?? BotDefinition.DefaultTickSeconds;
        if (double.IsNaN(tick) || tick < minTickSeconds || tick > MaxTickSeconds)
        {
            return Fail($"tick_seconds must be between {minTickSeconds.ToString(CultureInfo.InvariantCulture)} and {MaxTickSeconds} (got {tick.ToString(CultureInfo.InvariantCulture)})");
        }

        var shortWindow = request.ShortWindow ?? BotDefinition.DefaultShortWindow;
        var longWindow = request.LongWindow ?? BotDefinition.DefaultLongWindow;
        if (shortWindow is < 1 or > 1000)
        {
            return Fail($"short_window must be between 1 and 1000 (got {shortWindow})");
        }

        if (longWindow <= shortWindow || longWindow > 1000)
        {
            return Fail($"long_window must be greater than short_window ({shortWindow}) and at most 1000 (got {longWindow})");
        }

        var quantity = request.TradeQuantity ?? BotDefinition.DefaultTradeQuantity;
        if (quantity <= 0 || quantity > 1_000_000)
        {
            return Fail($"trade_quantity must be greater than 0 and at most 1000000 (got {quantity.ToString(CultureInfo.InvariantCulture)})");
        }

        return (new BotDefinition(name, kind, symbols, tick, shortWindow, longWindow, quantity) { Strategy = strategy }, null);
    }

    private static bool IsInvisible(char c) =>
        char.IsControl(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format;

    private static (BotDefinition?, string?) Fail(string error) => (null, error);

    [GeneratedRegex(@"^[A-Z0-9]{2,20}\z")]
    private static partial Regex SymbolPattern();
}
