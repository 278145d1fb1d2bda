using OrleansBots.Contracts;
using OrleansBots.Events;

namespace OrleansBots.Silo.Api;

/// <summary>The platform's live events as the SSE endpoint sends them (a bot's: <see cref="BotContractMapping"/>).</summary>
public static class EventMapping
{
    public static PlatformEventView ToContract(this PlatformEvent e) => e.Capacity is { } capacity
        ? new PlatformEventView(PlatformEventView.CapacityType, e.At, Capacity: capacity.ToContract())
        : new PlatformEventView(PlatformEventView.AlertType, e.At, Alert: e.Alert!.ToContract());
}
