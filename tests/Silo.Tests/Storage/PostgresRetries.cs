using Microsoft.Extensions.Logging.Abstractions;
using OrleansBots.Storage;

namespace OrleansBots.Silo.Tests.Storage;

/// <summary>The retry of PostgreSQL operations with its defaults, as a silo runs it, for stores built by a test.</summary>
public static class PostgresRetries
{
    public static PostgresRetry Default() =>
        new(Microsoft.Extensions.Options.Options.Create(new PostgresRetryOptions()), TimeProvider.System, NullLogger<PostgresRetry>.Instance);
}
