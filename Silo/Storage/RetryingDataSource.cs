using System.Data.Common;
using Npgsql;
using OrleansBots.Storage;

namespace OrleansBots.Silo.Storage;

/// <summary>
/// Where Orleans' grain storage opens its connections: an opening that fails while PostgreSQL is unreachable (a restart
/// refuses connections, then says it is starting up) is retried through <see cref="PostgresRetry"/>, since nothing has
/// reached the server yet. What runs on the connection once open is not retried here: a state write whose connection
/// broke may have been applied, and a second attempt would then fail Orleans' version check as if another activation
/// had written (<see cref="RetryingGrainStorage"/> retries the reads). Orleans opens asynchronously only.
/// </summary>
public sealed class RetryingDataSource(NpgsqlDataSource inner, PostgresRetry retry) : DbDataSource
{
    public override string ConnectionString => inner.ConnectionString;

    protected override DbConnection CreateDbConnection() => inner.CreateConnection();

    protected override async ValueTask<DbConnection> OpenDbConnectionAsync(CancellationToken cancellationToken = default) =>
        await retry.RunAsync(async token => (DbConnection)await inner.OpenConnectionAsync(token), cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override ValueTask DisposeAsyncCore() => inner.DisposeAsync();
}
