using OrleansBots.Contracts.Mapping;

namespace OrleansBots.Silo.Tests.Api;

public sealed class ErrorFieldTests
{
    [Theory]
    [InlineData("name is required", "name")]
    [InlineData("tick_seconds must be between 1 and 86400 (got 0)", "tick_seconds")]
    [InlineData("kind 'x' is unknown; known kinds: trading, chat", "kind")]
    [InlineData("symbols: 'b$' is not a symbol", "symbols")]
    [InlineData("Field 'max_bots' has the wrong type or is out of range", "max_bots")]
    [InlineData("Unknown field 'colour'; known fields: name", "colour")]
    [InlineData("strategy applies to trading bots only", "strategy")]
    public void AMessageAboutOneFieldNamesIt(string message, string field) => Assert.Equal(field, ErrorField.Of(message));

    [Theory]
    [InlineData("Malformed JSON at line 1, byte 3")]
    [InlineData("Request body is empty: send a JSON object")]
    public void AMessageAboutTheWholeRequestNamesNoField(string message) => Assert.Null(ErrorField.Of(message));
}
