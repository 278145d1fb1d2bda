using OrleansBots.Bots;
using OrleansBots.Contracts;
using OrleansBots.Silo.Api;

namespace OrleansBots.Silo.Tests.Api;

public sealed class BotRequestValidatorTests
{
    [Fact]
    public void AMinimalRequestGetsTheDocumentedDefaults()
    {
        var (definition, error) = BotRequestValidator.Validate(new CreateBotRequest("b1", Symbols: ["btcusdt", "BTCUSDT", "ETHUSDT"]), 1);

        Assert.Null(error);
        Assert.Equal(BotKind.Trading, definition!.Kind);
        Assert.Equal(["BTCUSDT", "ETHUSDT"], definition.Symbols);
        Assert.Equal((5.0, 5, 20, 0.01m), (definition.TickSeconds, definition.ShortWindow, definition.LongWindow, definition.TradeQuantity));
    }

    [Fact]
    public void TheTickFloorComesFromConfiguration()
    {
        var request = new CreateBotRequest("b1", Symbols: ["BTCUSDT"], TickSeconds: 0.5);

        Assert.Contains("tick_seconds", BotRequestValidator.Validate(request, 1).Error);
        Assert.Null(BotRequestValidator.Validate(request, 0.1).Error);
    }

    [Fact]
    public void KindsAreNamesNotNumbers()
    {
        Assert.Contains("kind", BotRequestValidator.Validate(new CreateBotRequest("b1", "0", ["BTCUSDT"]), 1).Error);
    }

    [Fact]
    public void TooManySymbolsAreRefused()
    {
        var symbols = Enumerable.Range(0, 11).Select(i => $"SYM{i}").ToList();

        Assert.Contains("at most 10", BotRequestValidator.Validate(new CreateBotRequest("b1", Symbols: symbols), 1).Error);
    }
}
