using System.Security.Cryptography;
using OrleansBots.Chat;

namespace OrleansBots.Tests.Chat;

public sealed class CredentialProtectorTests
{
    private readonly CredentialProtector _protector = new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void ASealedTokenOpensForItsBotAndDoesNotContainTheToken()
    {
        var sealedToken = _protector.Protect("oauth:abcdef123456", "bot-1");

        Assert.DoesNotContain("abcdef", sealedToken, StringComparison.Ordinal);
        Assert.NotEqual(sealedToken, _protector.Protect("oauth:abcdef123456", "bot-1"));
        Assert.Equal("oauth:abcdef123456", _protector.Unprotect(sealedToken, "bot-1"));
    }

    [Fact]
    public void ATokenCopiedToAnotherBotOrReadWithAnotherKeyDoesNotOpen()
    {
        var sealedToken = _protector.Protect("oauth:abcdef123456", "bot-1");

        Assert.ThrowsAny<CryptographicException>(() => _protector.Unprotect(sealedToken, "bot-2"));
        Assert.ThrowsAny<CryptographicException>(() => new CredentialProtector(RandomNumberGenerator.GetBytes(32)).Unprotect(sealedToken, "bot-1"));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("not base64!", false)]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA==", false)]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", true)]
    public void OnlyA32ByteBase64KeyIsAccepted(string key, bool valid) => Assert.Equal(valid, CredentialProtector.IsValidKey(key));
}
