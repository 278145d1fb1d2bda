using Microsoft.Extensions.DependencyInjection;
using OrleansBots.Client;
using OrleansBots.Contracts;

namespace OrleansBots.Silo.Tests.Api;

/// <summary>The SDK as an application uses it: registered once through DI, on <see cref="IHttpClientFactory"/>.</summary>
[Collection(HttpSiloCollection.Name)]
public sealed class ClientRegistrationTests(HttpSiloFixture fixture)
{
    [Fact]
    public async Task ClientsRegisteredThroughDiCreateAUserAndTheirBotOnARunningSilo()
    {
        var userId = $"di-{Guid.NewGuid():N}"[..20];
        await using var adminServices = Services(o => o.AdminToken = fixture.AdminToken);
        var created = await adminServices.GetRequiredService<IOrleansBotsAdminClient>().CreateUserAsync(new CreateUserRequest(userId));

        await using var userServices = Services(o => o.ApiKey = created.ApiKey);
        var user = userServices.GetRequiredService<IOrleansBotsUserClient>();
        var bot = await user.CreateBotAsync(new CreateBotRequest("di-bot", Symbols: ["BTCUSDT"]));
        var listed = await user.ListBotsAsync();

        Assert.Equal(userId, bot.UserId);
        Assert.Equal([bot.BotId], listed.Select(b => b.BotId));
    }

    [Fact]
    public async Task ResolvingAClientWhoseCredentialIsNotSetSaysWhichOptionIsMissing()
    {
        await using var services = Services(o => o.AdminToken = fixture.AdminToken);

        var missing = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IOrleansBotsUserClient>());

        Assert.Contains("ApiKey", missing.Message);
    }

    private ServiceProvider Services(Action<OrleansBotsClientOptions> credentials)
    {
        var services = new ServiceCollection();
        services.AddOrleansBotsClient(o =>
        {
            // Without the trailing slash, to check that the registration adds it.
            o.BaseAddress = new Uri(fixture.Http.BaseAddress!.AbsoluteUri.TrimEnd('/'));
            credentials(o);
        });
        return services.BuildServiceProvider();
    }
}
