using System.Security.Cryptography;
using OrleansBots.Silo.Auth;

namespace OrleansBots.Silo.Tests.Security;

public sealed class ApiKeysTests
{
    private static readonly byte[] Secret = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void AnIssuedKeyIsSignedForItsUser()
    {
        var key = ApiKeys.Generate("alice", Secret);

        Assert.Equal(new PresentedKey("alice", ApiKeyKind.Signed), ApiKeys.Read(key, Secret));
    }

    [Fact]
    public void AKeyWithAMadeUpOrMovedMacIsRefusedWithoutItsUser()
    {
        var key = ApiKeys.Generate("alice", Secret);
        var parts = key.Split('.');

        Assert.Equal(ApiKeyKind.Malformed, ApiKeys.Read($"{parts[0]}.{parts[1]}.AAAAAAAAAAAAAAAAAAAAAA", Secret).Kind);
        Assert.Equal(ApiKeyKind.Malformed, ApiKeys.Read($"bob.{parts[1]}.{parts[2]}", Secret).Kind);
        Assert.Equal(ApiKeyKind.Malformed, ApiKeys.Read(key, RandomNumberGenerator.GetBytes(32)).Kind);
        Assert.Equal(ApiKeyKind.Malformed, ApiKeys.Read("alice..x", Secret).Kind);
        Assert.Equal(ApiKeyKind.Malformed, ApiKeys.Read("not a key", Secret).Kind);
        Assert.Null(ApiKeys.Read("a.b.c.d", Secret).UserId);
    }

    [Fact]
    public void AKeyOfTheFormerShapeIsALegacyKeyOfItsUser()
    {
        Assert.Equal(new PresentedKey("alice", ApiKeyKind.Legacy), ApiKeys.Read("alice.c2VjcmV0", Secret));
    }
}
