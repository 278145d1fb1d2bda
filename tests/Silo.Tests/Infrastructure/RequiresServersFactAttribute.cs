using Xunit.Sdk;

namespace OrleansBots.Silo.Tests.Infrastructure;

/// <summary>
/// A fact that runs only where scripts/test.sh provided PostgreSQL (and Redis, if asked). Without them it is
/// skipped, unless <see cref="TestServers.Required"/>: then <see cref="RequiresServersFactDiscoverer"/> turns it
/// into a failure.
/// </summary>
[XunitTestCaseDiscoverer("OrleansBots.Silo.Tests.Infrastructure.RequiresServersFactDiscoverer", "OrleansBots.Silo.Tests")]
public sealed class RequiresServersFactAttribute : FactAttribute
{
    public RequiresServersFactAttribute(bool redis = false)
    {
        Redis = redis;
        if (!TestServers.Required && TestServers.Unset(redis).Count > 0)
        {
            Skip = TestServers.Missing;
        }
    }

    public bool Redis { get; }
}
