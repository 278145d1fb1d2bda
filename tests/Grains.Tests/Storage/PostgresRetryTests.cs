using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
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
        // A clock the test moves (each attempt takes 100 ms of it) and no pause between attempts: the count of attempts
        // then depends on the window alone, not on how busy the machine running the test is.
        var time = new FakeTimeProvider();
        var started = time.GetTimestamp();
        var attempts = new List<TimeSpan>();
        var retry = new PostgresRetry(
            Options.Create(new PostgresRetryOptions { Within = TimeSpan.FromMilliseconds(300), FirstDelay = TimeSpan.Zero, MaxDelay = TimeSpan.Zero }),
            time,
            NullLogger<PostgresRetry>.Instance);

        await Assert.ThrowsAsync<NpgsqlException>(() => retry.RunAsync(_ =>
        {
            attempts.Add(time.GetElapsedTime(started));
            time.Advance(TimeSpan.FromMilliseconds(100));
            return Task.FromException(Refused);
        }));

        // Failed at 100 and 200 ms: inside the window, so run again; failed at 300 ms: the window has passed.
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)], attempts);
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
