namespace OrleansBots.Events;

/// <summary>Checks <see cref="EventOptions"/> when the host starts; the message names the setting that is wrong.</summary>
public sealed class EventOptionsValidator : IValidateOptions<EventOptions>
{
    public ValidateOptionsResult Validate(string? name, EventOptions options) =>
        Problem(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;

    /// <summary>The first thing wrong with <paramref name="options"/>, or null.</summary>
    public static string? Problem(EventOptions options) =>
        options.HistoryPerBot is < 1 or > 100_000 ? $"Events:HistoryPerBot must be between 1 and 100000 (got {options.HistoryPerBot})"
        : options.HistoryMegabytes is < 1 or > 1_000_000 ? $"Events:HistoryMegabytes must be between 1 and 1000000 (got {options.HistoryMegabytes})"
        : options.ConnectionBuffer is < 8 or > 100_000 ? $"Events:ConnectionBuffer must be between 8 and 100000 (got {options.ConnectionBuffer})"
        : options.CapacityInterval < TimeSpan.Zero ? "Events:CapacityInterval must not be negative"
        : options.Heartbeat <= TimeSpan.Zero ? "Events:Heartbeat must be positive"
        : options.WatchLease < TimeSpan.FromSeconds(1) || options.WatchLease > TimeSpan.FromHours(1) ? $"Events:WatchLease must be between 1 second and 1 hour (got {options.WatchLease})"
        : null;
}
