using OrleansBots.Chat;

namespace OrleansBots.Tests.Chat;

public sealed class IrcMessageTests
{
    [Fact]
    public void ATwitchPrivmsgGivesTagsSenderChannelAndText()
    {
        var message = IrcMessage.Parse("@badge-info=;badges=moderator/1,subscriber/12;display-name=Some\\sOne;mod=1 :someone!someone@someone.tmi.twitch.tv PRIVMSG #channel :!ask what is up? :)")!;

        Assert.Equal("PRIVMSG", message.Command);
        Assert.Equal("someone", message.Nick);
        Assert.Equal(["#channel", "!ask what is up? :)"], message.Parameters);
        Assert.Equal("Some One", message.Tag("display-name"));
        Assert.True(message.IsModerator);
    }

    [Theory]
    [InlineData("@badges=broadcaster/1;mod=0 :a!a@a PRIVMSG #c :hi", true)]
    [InlineData("@badges=subscriber/3,premium/1;mod=0 :a!a@a PRIVMSG #c :hi", false)]
    [InlineData("@badges=;mod=1 :a!a@a PRIVMSG #c :hi", true)]
    [InlineData(":a!a@a PRIVMSG #c :hi", false)]
    public void ModeratorsAndTheBroadcasterAreKnownFromTheirTags(string line, bool moderator) =>
        Assert.Equal(moderator, IrcMessage.Parse(line)!.IsModerator);

    [Fact]
    public void APingWithoutPrefixOrTagsKeepsItsTrailingParameter()
    {
        var ping = IrcMessage.Parse("PING :tmi.twitch.tv\r\n")!;

        Assert.Equal("PING", ping.Command);
        Assert.Null(ping.Prefix);
        Assert.Equal("tmi.twitch.tv", ping.Trailing);
    }

    [Fact]
    public void EscapedTagValuesAreUnescaped() =>
        Assert.Equal("a;b c\\d", IrcMessage.Parse("@msg=a\\:b\\sc\\\\d :tmi.twitch.tv NOTICE #c :x")!.Tag("msg"));

    [Theory]
    [InlineData("")]
    [InlineData("@tags-without-command")]
    [InlineData(":prefix-only")]
    public void EmptyOrTruncatedLinesAreNoMessage(string line) => Assert.Null(IrcMessage.Parse(line));

    [Fact]
    public void TheLastParameterIsSentAsTheTrailingOne() =>
        Assert.Equal("PRIVMSG #channel :hello there", IrcMessage.Format("PRIVMSG", "#channel", "hello there"));
}
