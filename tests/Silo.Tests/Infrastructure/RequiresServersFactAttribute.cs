namespace OrleansBots.Silo.Tests.Infrastructure;

/// <summary>A fact that runs only where scripts/test.sh provided PostgreSQL (and Redis, if asked).</summary>
public sealed class RequiresServersFactAttribute : FactAttribute
{
    public RequiresServersFactAttribute(bool redis = false)
    {
        if (TestServers.Postgres is null || (redis && TestServers.Redis is null))
        {
            Skip = TestServers.Missing;
        }
    }
}
