namespace OrleansBots.Silo.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL and Redis servers that scripts/test.sh starts on loopback for this run. Tests that need
/// them are skipped with a message when run outside the script; the script fails any run that skipped a test.
/// </summary>
public static class TestServers
{
    public static string? Postgres => Environment.GetEnvironmentVariable("OB_TEST_POSTGRES") is { Length: > 0 } value ? value : null;

    public static string? Redis => Environment.GetEnvironmentVariable("OB_TEST_REDIS") is { Length: > 0 } value ? value : null;

    public const string Missing = "needs the servers started by scripts/test.sh (OB_TEST_POSTGRES, OB_TEST_REDIS)";
}
