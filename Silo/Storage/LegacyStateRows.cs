using Npgsql;
using OrleansBots.Storage;

namespace OrleansBots.Silo.Storage;

/// <summary>
/// Whether the service has grain states in Orleans' ADO.NET table (<c>OrleansStorage</c>), where versions before
/// <see cref="PostgresGrainStorage"/> kept them. Asked once per silo, at the first read that misses: once no silo of an
/// earlier version runs (the upgrade to this one stops them all first; docs/SCALING.md), nothing writes there, so the
/// answer cannot turn from no to yes.
/// </summary>
public sealed class LegacyStateRows(NpgsqlDataSource dataSource, string serviceId, PostgresRetry retry)
{
    private const string Exist = "SELECT EXISTS (SELECT 1 FROM OrleansStorage WHERE ServiceId = @service AND PayloadBinary IS NOT NULL)";

    private readonly Lock _gate = new();
    private Task<bool>? _exist;

    /// <summary>The answer, asked again only if asking failed (the server stayed unreachable past the retries).</summary>
    public Task<bool> ExistAsync()
    {
        lock (_gate)
        {
            if (_exist is null || _exist.IsFaulted || _exist.IsCanceled)
            {
                _exist = retry.RunAsync(AskAsync);
            }

            return _exist;
        }
    }

    private async Task<bool> AskAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Exist);
        command.Parameters.AddWithValue("service", serviceId);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
