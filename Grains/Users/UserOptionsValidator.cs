namespace OrleansBots.Users;

/// <summary>Checks <see cref="UserOptions"/> when the host starts; the message names the setting that is wrong.</summary>
public sealed class UserOptionsValidator : IValidateOptions<UserOptions>
{
    public ValidateOptionsResult Validate(string? name, UserOptions options) =>
        (OwnedBotsRange.Check(options.MaxOwnedBots)
            ?? (options.TradeCountWriteDelay <= TimeSpan.Zero || options.TradeCountWriteDelay > TimeSpan.FromMinutes(1)
                ? $"Users:TradeCountWriteDelay must be more than 0 and at most 00:01:00 (got {options.TradeCountWriteDelay})"
                : null)
            ?? (options.TradeCountGathering < TimeSpan.Zero || options.TradeCountGathering > TimeSpan.FromSeconds(1)
                ? $"Users:TradeCountGathering must be from 0 to 00:00:01 (got {options.TradeCountGathering})"
                : null)) is { } problem
            ? ValidateOptionsResult.Fail(problem)
            : ValidateOptionsResult.Success;

    /// <summary>The range of <c>Users:MaxOwnedBots</c> and of a user's own <c>max_owned_bots</c>.</summary>
    public static readonly Capacity.LimitRange OwnedBotsRange = new("Users:MaxOwnedBots", 1, 100_000);
}
