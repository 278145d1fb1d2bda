using Microsoft.Extensions.DependencyInjection;
using Orleans.Streams;

namespace OrleansBots.Events;

/// <summary>
/// The live-event streams of this host, or null on a host without the <see cref="BotEventStreams.Provider"/> stream
/// provider (a grain test cluster): events are then still numbered and kept, only not published.
/// </summary>
public sealed class EventStreams(IServiceProvider services)
{
    private readonly Lazy<IStreamProvider?> _provider = new(() => services.GetKeyedService<IStreamProvider>(BotEventStreams.Provider));

    public IAsyncStream<BotEvent>? OfBot(string botId) => _provider.Value?.GetStream<BotEvent>(StreamId.Create(BotEventStreams.BotNamespace, botId));

    public IAsyncStream<PlatformEvent>? OfPlatform() => _provider.Value?.GetStream<PlatformEvent>(StreamId.Create(BotEventStreams.PlatformNamespace, BotEventStreams.PlatformKey));
}
