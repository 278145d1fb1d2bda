using Npgsql;
using OrleansBots.Contracts;
using OrleansBots.Silo.Configuration;
using StackExchange.Redis;

namespace OrleansBots.Silo.Api;

/// <summary>Checks that PostgreSQL and Redis answer, for the health endpoint. Errors are described, never the connection strings.</summary>
public sealed class DependencyProbe(StorageSettings storage) : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    private readonly SemaphoreSlim _redisGate = new(1, 1);
    private ConnectionMultiplexer? _redis;

    public async Task<DependencyView> PostgresAsync(CancellationToken cancellationToken)
    {
        if (storage.Postgres is null)
        {
            return new DependencyView(false, true, "not configured: grain state is kept in memory");
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            await using var connection = new NpgsqlConnection(storage.Postgres);
            await connection.OpenAsync(timeout.Token);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(timeout.Token);
            return new DependencyView(true, true, $"reachable at {storage.DescribePostgres()}");
        }
        catch (Exception error) when (error is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return new DependencyView(true, false, $"unreachable at {storage.DescribePostgres()}: {error.GetType().Name}");
        }
    }

    public async Task<DependencyView> RedisAsync()
    {
        if (storage.Redis is null)
        {
            return new DependencyView(false, true, "not configured: localhost clustering (one silo)");
        }

        try
        {
            var redis = await ConnectAsync();
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(Timeout);
            return new DependencyView(true, true, $"reachable at {storage.DescribeRedis()} ({latency.TotalMilliseconds:0.0} ms)");
        }
        catch (Exception error) when (error is RedisException or TimeoutException)
        {
            return new DependencyView(true, false, $"unreachable at {storage.DescribeRedis()}: {error.GetType().Name}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }

    private async Task<ConnectionMultiplexer> ConnectAsync()
    {
        await _redisGate.WaitAsync();
        try
        {
            if (_redis is null)
            {
                var options = ConfigurationOptions.Parse(storage.Redis!);
                options.AbortOnConnectFail = false;
                options.ConnectTimeout = (int)Timeout.TotalMilliseconds;
                _redis = await ConnectionMultiplexer.ConnectAsync(options);
            }

            return _redis;
        }
        finally
        {
            _redisGate.Release();
        }
    }
}
