using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly;

namespace OrleansBots.Client;

/// <summary>Registers the OrleansBots clients on <see cref="IHttpClientFactory"/>, with the retries of <see cref="OrleansBotsClientOptions.MaxRetries"/>.</summary>
public static class OrleansBotsClientServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> both clients use; configure it further with <c>services.AddHttpClient(HttpClientName)</c>.</summary>
    public const string HttpClientName = "OrleansBots";

    /// <summary>
    /// Registers <see cref="IOrleansBotsUserClient"/> (with <see cref="OrleansBotsClientOptions.ApiKey"/>) and
    /// <see cref="IOrleansBotsAdminClient"/> (with <see cref="OrleansBotsClientOptions.AdminToken"/>) as typed clients.
    /// Resolving a client whose credential is not set throws <see cref="InvalidOperationException"/>. Their
    /// <see cref="HttpClient"/> retries through Microsoft.Extensions.Http.Resilience as <see cref="OrleansBotsClientOptions.MaxRetries"/> says.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets the platform's address and the credentials.</param>
    /// <returns>The builder of the clients' <see cref="HttpClient"/>, to configure it further.</returns>
    public static IHttpClientBuilder AddOrleansBotsClient(this IServiceCollection services, Action<OrleansBotsClientOptions> configure)
    {
        services.AddOptions<OrleansBotsClientOptions>()
            .Configure(configure)
            .Validate(o => o.BaseAddress is { IsAbsoluteUri: true }, "OrleansBotsClientOptions.BaseAddress must be an absolute URI, e.g. http://localhost:5001");

        var http = services.AddHttpClient(HttpClientName, (provider, http) => http.BaseAddress = Root(OptionsOf(provider).BaseAddress!));
        http.AddResilienceHandler("orleansbots-retry", (pipeline, context) => pipeline.AddRetry(ClientRetry.Strategy(OptionsOf(context.ServiceProvider))));
        return http
            .AddTypedClient<IOrleansBotsUserClient>((http, provider) =>
                new OrleansBotsUserClient(http, OptionsOf(provider).ApiKey ?? throw Missing(nameof(OrleansBotsClientOptions.ApiKey), nameof(IOrleansBotsUserClient))))
            .AddTypedClient<IOrleansBotsAdminClient>((http, provider) =>
                new OrleansBotsAdminClient(http, OptionsOf(provider).AdminToken ?? throw Missing(nameof(OrleansBotsClientOptions.AdminToken), nameof(IOrleansBotsAdminClient))));
    }

    private static OrleansBotsClientOptions OptionsOf(IServiceProvider provider) => provider.GetRequiredService<IOptions<OrleansBotsClientOptions>>().Value;

    // Request paths are relative: without the trailing slash a base path such as /bots would be replaced.
    private static Uri Root(Uri address) => address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");

    private static InvalidOperationException Missing(string option, string client) =>
        new($"OrleansBotsClientOptions.{option} is not set: {client} cannot be created");
}
