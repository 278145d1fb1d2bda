using OrleansBots.Silo.Configuration;
using OrleansBots.Silo.Storage;

namespace OrleansBots.Silo.Hosting;

/// <summary><c>dotnet run --project Silo -- migrate</c>: applies the PostgreSQL schema, reports, exits.</summary>
public static class MigrateCommand
{
    public static async Task<int> RunAsync(IConfiguration configuration)
    {
        using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true));
        var logger = loggers.CreateLogger("migrate");
        var storage = StorageSettings.Read(configuration);
        if (storage.Postgres is null)
        {
            logger.LogError("migrate needs ConnectionStrings__Postgres (environment, .env or appsettings.json)");
            return 2;
        }

        if (!StorageSettings.IsValidPostgres(storage.Postgres))
        {
            logger.LogError("ConnectionStrings__Postgres is not a valid Npgsql connection string (e.g. Host=127.0.0.1;Database=orleansbots;Username=...)");
            return 2;
        }

        try
        {
            logger.LogInformation("Applying the schema to PostgreSQL at {Where}", storage.DescribePostgres());
            var applied = await new SchemaMigrator(storage.Postgres, logger).ApplyAsync(CancellationToken.None);
            logger.LogInformation("Schema up to date: {Count} script(s) applied; running migrate again is harmless", applied);
            return 0;
        }
        catch (Exception error) when (error is Npgsql.NpgsqlException or System.Net.Sockets.SocketException or ArgumentException)
        {
            logger.LogError("Could not apply the schema at {Where}: {Error}", storage.DescribePostgres(), error.Message);
            return 1;
        }
    }
}
