using OrleansBots.Chat;

namespace OrleansBots.Tests.Chat;

public sealed class ChatOptionsValidatorTests
{
    [Fact]
    public void TheDefaultsAreValid() => Assert.Null(ChatOptionsValidator.Problem(new ChatOptions()));

    [Theory]
    [InlineData("https://irc.example", "Chat:ServerUrl")]
    [InlineData("not a url", "Chat:ServerUrl")]
    public void AServerThatIsNotAWebSocketIsRefusedByName(string url, string named) =>
        Assert.StartsWith(named, ChatOptionsValidator.Problem(new ChatOptions { ServerUrl = url }));

    [Fact]
    public void ModeratorsMayNotHaveASmallerBudgetThanEveryone() =>
        Assert.Contains("Chat:ModeratorMessagesPerWindow", ChatOptionsValidator.Problem(new ChatOptions { MessagesPerWindow = 20, ModeratorMessagesPerWindow = 10 }));

    [Fact]
    public void APlatformModelEndpointNeedsAnHttpUrlAndAModelName()
    {
        var options = new ChatOptions { Models = [new ModelEndpointOptions { Url = "ftp://x", Model = "m" }] };

        Assert.StartsWith("Chat:Models:0: url", ChatOptionsValidator.Problem(options));
        Assert.Contains("model is required", ChatOptionsValidator.ModelEndpointProblem("http://127.0.0.1:1234", " ", 0));
    }

    [Fact]
    public void ACredentialKeyMustBe32Bytes() =>
        Assert.Contains("Chat:CredentialKey", ChatOptionsValidator.Problem(new ChatOptions { CredentialKey = Convert.ToBase64String(new byte[16]) }));
}
