namespace OrleansBots.Silo.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL and Redis servers that scripts/test.sh starts on loopback for this run. Tests that need
/// them are skipped with a message when run outside the script; under the script (<see cref="Required"/>)
/// a missing server fails them instead, so a run cannot pass without its durability tests.
/// </summary>
public static class TestServers
{
    public const string RequiredVariable = "OB_TEST_REQUIRE_SERVERS";

    public const string Missing = "needs the servers started by scripts/test.sh (OB_TEST_POSTGRES, OB_TEST_REDIS)";

    public static string? Postgres => Environment.GetEnvironmentVariable("OB_TEST_POSTGRES") is { Length: > 0 } value ? value : null;

    public static string? Redis => Environment.GetEnvironmentVariable("OB_TEST_REDIS") is { Length: > 0 } value ? value : null;

    /// <summary>Set by scripts/test.sh: every test that needs a server must run.</summary>
    public static bool Required => Environment.GetEnvironmentVariable(RequiredVariable) == "1";

    /// <summary>The variables a test needs that this run does not set (none when it can run).</summary>
    public static IReadOnlyList<string> Unset(bool redis)
    {
        var unset = new List<string>();
        if (Postgres is null)
        {
            unset.Add("OB_TEST_POSTGRES");
        }

        if (redis && Redis is null)
        {
            unset.Add("OB_TEST_REDIS");
        }

        return unset;
    }
}
