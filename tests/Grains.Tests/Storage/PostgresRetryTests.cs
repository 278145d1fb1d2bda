using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using OrleansBots.Storage;

namespace OrleansBots.Tests.Storage;

public sealed class PostgresRetryTests
{
    private static readonly NpgsqlException Refused = new("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));

    [Fact]
    public async Task AnOperationThatMeetsAnUnreachableServerRunsAgainUntilTheServerIsBack()
    {
        var attempts = 0;
        var answer = await Retry(TimeSpan.FromSeconds(10)).RunAsync(_ => ++attempts < 4 ? Task.FromException<int>(Refused) : Task.FromResult(42));

        Assert.Equal(42, answer);
        Assert.Equal(4, attempts);
    }

    [Theory]
    [InlineData(PostgresErrorCodes.CannotConnectNow)]
    [InlineData(PostgresErrorCodes.AdminShutdown)]
    [InlineData(PostgresErrorCodes.TooManyConnections)]
    public async Task AServerThatSaysItCannotServeNowIsAskedAgain(string sqlState)
    {
        var attempts = 0;
        await Retry(TimeSpan.FromSeconds(10)).RunAsync(_ => ++attempts == 1 ? Task.FromException(Refusal(sqlState)) : Task.CompletedTask);

        Assert.Equal(2, attempts);
    }

    [Theory]
    [InlineData(PostgresErrorCodes.UniqueViolation)]
    [InlineData(PostgresErrorCodes.InvalidPassword)]
    [InlineData(PostgresErrorCodes.UndefinedTable)]
    public async Task AStatementOrLoginTheServerRefusesIsNotRunAgain(string sqlState)
    {
        var attempts = 0;
        await Assert.ThrowsAsync<PostgresException>(() => Retry(TimeSpan.FromSeconds(10)).RunAsync(_ =>
        {
            attempts++;
            return Task.FromException(Refusal(sqlState));
        }));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task RetriesStopOnceTheWindowHasPassedSinceTheFirstAttempt()
    {
        var attempts = new List<TimeSpan>();
        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAsync<NpgsqlException>(() => Retry(TimeSpan.FromMilliseconds(300)).RunAsync(_ =>
        {
            attempts.Add(clock.Elapsed);
            return Task.FromException(Refused);
        }));

        // The last retry was decided when the attempt before it failed, inside the window; it starts at most MaxDelay
        // (40 ms) later. The bounds allow a loaded 2-core CI machine, where the last attempt once came 1.09 s after the first.
        Assert.True(attempts.Count > 2, $"{attempts.Count} attempts");
        Assert.True(attempts[^2] - attempts[0] < TimeSpan.FromMilliseconds(300) + TimeSpan.FromSeconds(1), $"the last but one attempt {attempts[^2] - attempts[0]} after the first");
        Assert.True(attempts[^1] - attempts[0] < TimeSpan.FromSeconds(3), $"the last attempt {attempts[^1] - attempts[0]} after the first");
    }

    [Fact]
    public async Task AZeroWindowRunsTheOperationOnce()
    {
        var attempts = 0;
        await Assert.ThrowsAsync<NpgsqlException>(() => Retry(TimeSpan.Zero).RunAsync(_ =>
        {
            attempts++;
            return Task.FromException(Refused);
        }));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public void TheOptionsRefuseAWindowLongerThanAGrainCallWaits()
    {
        var validator = new PostgresRetryOptionsValidator();

        Assert.True(validator.Validate(null, new PostgresRetryOptions()).Succeeded);
        Assert.Contains("PostgresRetry:Within", validator.Validate(null, new PostgresRetryOptions { Within = TimeSpan.FromMinutes(1) }).FailureMessage);
        Assert.Contains("PostgresRetry:FirstDelay", validator.Validate(null, new PostgresRetryOptions { FirstDelay = TimeSpan.Zero }).FailureMessage);
    }

    private static PostgresRetry Retry(TimeSpan within) => new(
        Options.Create(new PostgresRetryOptions { Within = within, FirstDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(40) }),
        TimeProvider.System,
        NullLogger<PostgresRetry>.Instance);

    private static PostgresException Refusal(string sqlState) => new("refused", "FATAL", "FATAL", sqlState);
}
