using OrleansBots.Chat;

namespace OrleansBots.Tests.Chat;

public sealed class ChatTextTests
{
    [Fact]
    public void ALongReplyIsCutToTheChatsSizeWithAnEllipsis()
    {
        var fitted = ChatText.Fit(string.Join(' ', Enumerable.Repeat("word", 300)), 500);

        Assert.True(fitted.Length <= 500);
        Assert.EndsWith("word…", fitted, StringComparison.Ordinal);
    }

    [Fact]
    public void LinesBecomeOneLineBecauseIrcEndsAMessageAtALineBreak() =>
        Assert.Equal("first second third", ChatText.Fit("first\r\nsecond\n\nthird", 500));

    [Fact]
    public void AShortReplyIsUnchanged() => Assert.Equal("hello", ChatText.Fit("hello", 500));
}
