using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using OrleansBots.Events;

namespace OrleansBots.Client.Cluster;

/// <summary>Registers the OrleansBots user client on an Orleans client (<c>UseOrleansClient</c>) of a trusted service.</summary>
public static class OrleansBotsClusterClientBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="IOrleansBotsUserClient"/> as <see cref="OrleansBotsClusterUserClient"/> acting as
    /// <see cref="OrleansBotsClusterClientOptions.UserId"/>, and the silos' live-event streams on this client. The
    /// client's clustering must reach the platform's silos (their cluster and service ids, e.g.
    /// <c>UseLocalhostClustering(30000, "orleansbots", "orleansbots")</c>). Trusted services only: the gateway takes
    /// no API key, so whoever can reach it acts as any user it names.
    /// </summary>
    /// <param name="client">The Orleans client of the service.</param>
    /// <param name="configure">Sets the user to act as.</param>
    /// <returns>The same builder.</returns>
    public static IClientBuilder AddOrleansBotsClusterClient(this IClientBuilder client, Action<OrleansBotsClusterClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.AddMemoryStreams(BotEventStreams.Provider);
        client.Services.AddOptions<OrleansBotsClusterClientOptions>()
            .Configure(configure)
            .Validate(o => Ids.IsValid(o.UserId), $"OrleansBotsClusterClientOptions.UserId must be 1 to {Ids.MaxLength} letters, digits, '_' or '-'")
            .Validate(o => o.EventBuffer >= 1, "OrleansBotsClusterClientOptions.EventBuffer must be at least 1");
        client.Services.AddSingleton<IOrleansBotsUserClient>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<OrleansBotsClusterClientOptions>>().Value;
            return new OrleansBotsClusterUserClient(provider.GetRequiredService<IClusterClient>(), options.UserId!, options.EventBuffer);
        });
        return client;
    }
}
