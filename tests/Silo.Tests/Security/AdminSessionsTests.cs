using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OrleansBots.Silo.Auth;

namespace OrleansBots.Silo.Tests.Security;

public sealed class AdminSessionsTests
{
    private const string Token = "sessions-test-admin-token-0123456789";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void ASessionHoldsNoTokenAndIsValidUntilItExpires()
    {
        var sessions = Sessions(Token);
        var session = sessions.Issue();

        Assert.DoesNotContain(Token, session, StringComparison.Ordinal);
        Assert.True(sessions.IsValid(session));
        _time.Advance(AdminSessions.Lifetime - TimeSpan.FromSeconds(2));
        Assert.True(sessions.IsValid(session));
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.False(sessions.IsValid(session));
    }

    [Fact]
    public void ASessionSignedWithAnotherAdminTokenOrAlteredIsRefused()
    {
        var session = Sessions(Token).Issue();
        var altered = (session[0] == 'A' ? "B" : "A") + session[1..];

        Assert.False(Sessions(Token + "-rotated").IsValid(session));
        Assert.False(Sessions(Token).IsValid(altered));
        Assert.False(Sessions(Token).IsValid(Token));
        Assert.False(Sessions(Token).IsValid("a.b.c"));
    }

    [Fact]
    public void TheCsrfTokenBelongsToItsSessionAlone()
    {
        var sessions = Sessions(Token);
        var first = sessions.Issue();
        var second = sessions.Issue();

        Assert.True(sessions.CsrfMatches(first, sessions.CsrfTokenOf(first)));
        Assert.False(sessions.CsrfMatches(first, sessions.CsrfTokenOf(second)));
        Assert.False(sessions.CsrfMatches(first, ""));
        Assert.False(sessions.CsrfMatches("forged.session", sessions.CsrfTokenOf(first)));
    }

    private AdminSessions Sessions(string token)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ADMIN_TOKEN"] = token }).Build();
        return new AdminSessions(AdminToken.Load(configuration, NullLogger.Instance), _time);
    }
}
