using OrleansBots.Contracts;
using OrleansBots.Events;

namespace OrleansBots.Silo.Api;

/// <summary>Live events as the SSE endpoints send them.</summary>
public static class EventMapping
{
    public static string TypeOf(BotEventKind kind) => kind switch
    {
        BotEventKind.Lifecycle => BotEventView.Lifecycle,
        BotEventKind.Signal => BotEventView.SignalType,
        BotEventKind.Trade => BotEventView.TradeType,
        _ => BotEventView.ReplyType,
    };

    public static BotEventView ToContract(this BotEvent e) => new(
        e.Sequence,
        e.BotId,
        TypeOf(e.Kind),
        e.At,
        e.Lifecycle is { } lifecycle ? (lifecycle.Deleted ? "deleted" : lifecycle.Status.ToString().ToLowerInvariant()) : null,
        e.Lifecycle?.Deleted == true ? true : null,
        e.Lifecycle?.Reason,
        e.Signal?.ToContract(),
        e.Trade?.ToContract(),
        e.Reply?.ToContract());

    public static PlatformEventView ToContract(this PlatformEvent e) => e.Capacity is { } capacity
        ? new PlatformEventView(PlatformEventView.CapacityType, e.At, Capacity: capacity.ToContract())
        : new PlatformEventView(PlatformEventView.AlertType, e.At, Alert: e.Alert!.ToContract());
}
