namespace OrleansBots.Bots;

/// <summary>
/// How a tick left the bot: running on, stale (another activation saved it meanwhile, so this one stops without
/// touching the lease or the saved state), or to fail for <see cref="FailureReason"/>.
/// </summary>
public sealed record TickResult(bool Stale, string? FailureReason)
{
    public static TickResult Running { get; } = new(false, null);
}
