using OrleansBots.Bots;

namespace OrleansBots.Tests.Bots;

public sealed class BotRequestValidatorTests
{
    [Fact]
    public void AMinimalRequestGetsTheDocumentedDefaults()
    {
        var (definition, error) = BotRequestValidator.Validate(Draft("b1", symbols: ["btcusdt", "BTCUSDT", "ETHUSDT"]), 1);

        Assert.Null(error);
        Assert.Equal(BotKind.Trading, definition!.Kind);
        Assert.Equal(["BTCUSDT", "ETHUSDT"], definition.Symbols);
        Assert.Equal((5.0, 5, 20, 0.01m), (definition.TickSeconds, definition.ShortWindow, definition.LongWindow, definition.TradeQuantity));
    }

    [Fact]
    public void TheTickFloorComesFromConfiguration()
    {
        var request = Draft("b1", symbols: ["BTCUSDT"], tickSeconds: 0.5);

        Assert.Contains("tick_seconds", BotRequestValidator.Validate(request, 1).Error);
        Assert.Null(BotRequestValidator.Validate(request, 0.1).Error);
    }

    [Fact]
    public void KindsAreNamesNotNumbers()
    {
        Assert.Contains("kind", BotRequestValidator.Validate(Draft("b1", "0", ["BTCUSDT"]), 1).Error);
    }

    [Fact]
    public void TooManySymbolsAreRefused()
    {
        var symbols = Enumerable.Range(0, 11).Select(i => $"SYM{i}").ToList();

        Assert.Contains("at most 10", BotRequestValidator.Validate(Draft("b1", symbols: symbols), 1).Error);
    }

    private static BotDraft Draft(string name, string? kind = null, IReadOnlyList<string>? symbols = null, double? tickSeconds = null) =>
        new(name, kind, symbols, tickSeconds, null, null, null, null);
}
