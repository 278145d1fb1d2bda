using System.Diagnostics;
using System.Reflection;
using Npgsql;

namespace OrleansBots.Silo.Storage;

/// <summary>
/// Applies the project's PostgreSQL schema (deploy/sql, embedded in this assembly) in file-name order.
/// Every script is idempotent, so applying them again is harmless.
/// </summary>
public sealed class SchemaMigrator(string connectionString, ILogger logger)
{
    /// <summary>
    /// Held for each script's transaction: silos or pods that start together apply the schema one after the other
    /// (concurrent CREATE ... IF NOT EXISTS can still collide in PostgreSQL's catalog).
    /// </summary>
    private const long SchemaLock = 0x4f42_5343_4845_4d41; // "OBSCHEMA"

    public static IReadOnlyList<string> ScriptNames() => typeof(SchemaMigrator).Assembly
        .GetManifestResourceNames()
        .Where(name => name.StartsWith("sql/", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .ToList();

    public async Task<int> ApplyAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var applied = 0;
        foreach (var name in ScriptNames())
        {
            var stopwatch = Stopwatch.StartNew();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var wait = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({SchemaLock})", connection, transaction))
            {
                await wait.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var command = new NpgsqlCommand(ReadScript(name), connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            logger.LogInformation("Applied {Script} in {Elapsed} ms", name["sql/".Length..], stopwatch.ElapsedMilliseconds);
            applied++;
        }

        return applied;
    }

    private static string ReadScript(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded script {name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
