namespace OrleansBots.Bots;

/// <summary>Checks <see cref="BotOptions"/> when the host starts; the message names the setting that is wrong.</summary>
public sealed class BotOptionsValidator : IValidateOptions<BotOptions>
{
    public ValidateOptionsResult Validate(string? name, BotOptions options) =>
        Problem(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;

    /// <summary>The first thing wrong with <paramref name="options"/>, or null.</summary>
    public static string? Problem(BotOptions options) =>
        options.MinTickSeconds <= 0 || options.TradesKept <= 0 || options.SignalsKept <= 0 || options.MemoryHistoryMegabytes <= 0 || options.MaxConsecutiveTickFailures <= 0 || options.SaveInterval <= TimeSpan.Zero || options.IdleCollectionAge <= TimeSpan.Zero
            ? "Bots: MinTickSeconds, TradesKept, SignalsKept, MemoryHistoryMegabytes, MaxConsecutiveTickFailures, SaveInterval and IdleCollectionAge must be positive"
            : options.TickGrid < TimeSpan.Zero || options.TickGrid > TimeSpan.FromSeconds(1)
                ? $"Bots:TickGrid must be between 00:00:00 and 00:00:01 (got {options.TickGrid})"
                : null;
}
