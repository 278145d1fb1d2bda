using System.CommandLine;
using System.Net.Http;
using OrleansBots.Client;
using Spectre.Console;

namespace OrleansBots.Cli;

/// <summary>
/// How every command runs: its action gets the <see cref="Platform"/> and the <see cref="Output"/>, and what it
/// throws becomes the exit code and a message on stderr — the server's own message for a refusal, and for a full
/// platform or a hit limit (exit 3) when to retry.
/// </summary>
public static class CliCommand
{
    public static void Run(this Command command, Func<Platform, Output, ParseResult, CancellationToken, Task> action) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                using var platform = Platform.From(parse);
                await action(platform, new Output(parse), parse, cancellationToken);
                return ExitCodes.Done;
            }
            catch (Exception error)
            {
                return Fail(error);
            }
        });

    /// <summary>For commands that need no platform (login, profiles, completion).</summary>
    public static void RunLocally(this Command command, Action<Output, ParseResult> action) =>
        command.SetAction(parse =>
        {
            try
            {
                action(new Output(parse), parse);
                return ExitCodes.Done;
            }
            catch (Exception error)
            {
                return Fail(error);
            }
        });

    public static int Fail(Exception error)
    {
        switch (error)
        {
            case PlatformFullException full:
                Error($"{full.Error}{RetryHint(full.RetryAfter)}");
                return ExitCodes.Refused;
            case LimitExceededException limit:
                Error($"{limit.Error} (limit: {limit.Limit}){RetryHint(limit.RetryAfter)}");
                return ExitCodes.Refused;
            case RequestValidationException invalid:
                Error(invalid.Field is null ? invalid.Error : $"{invalid.Error} (field: {invalid.Field})");
                return ExitCodes.Error;
            case OrleansBotsApiException refused:
                Error($"{(int)refused.StatusCode} {refused.StatusCode}: {refused.Error}");
                return ExitCodes.Error;
            case UsageException usage:
                Error(usage.Message);
                return ExitCodes.Usage;
            case HttpRequestException unreachable:
                Error($"Cannot reach the platform: {unreachable.Message}");
                return ExitCodes.Error;
            case OperationCanceledException:
                return ExitCodes.Error;
            default:
                Error(error.Message);
                return ExitCodes.Error;
        }
    }

    private static string RetryHint(TimeSpan? retryAfter) =>
        retryAfter is { } wait ? $". Retry after {Math.Ceiling(wait.TotalSeconds):0} s" : string.Empty;

    private static void Error(string message) => Console.Error.WriteLine($"Error: {message}");
}
