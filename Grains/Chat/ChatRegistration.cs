using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OrleansBots.Chat;

public static class ChatRegistration
{
    /// <summary>Chat bots on real chat servers (<c>Chat</c> section): the credential key, the model client and its HTTP connections.</summary>
    public static IServiceCollection AddChat(this IServiceCollection services)
    {
        services.AddCheckedOptions<ChatOptions, ChatOptionsValidator>(ChatOptions.Section);
        services.TryAddSingleton(provider => new CredentialProtector(CredentialKeyFile.Load(
            provider.GetRequiredService<IOptions<ChatOptions>>().Value.CredentialKey,
            provider.GetService<IConfiguration>()?["DATA_DIR"],
            provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CredentialProtector)))));
        services.TryAddSingleton(provider => ActivatorUtilities.CreateInstance<ModelClient>(
            provider,
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan }));
        return services;
    }
}
