using Microsoft.Extensions.Configuration;
using Npgsql;
using OrleansBots.Silo.Configuration;

namespace OrleansBots.Silo.Tests.Configuration;

/// <summary>A silo's PostgreSQL pools are capped unless the operator's connection string says otherwise.</summary>
public sealed class StorageSettingsTests
{
    private const string Postgres = "Host=127.0.0.1;Port=5432;Database=orleansbots;Username=bots;Password=secret";

    [Fact]
    public void AConnectionStringWithoutAPoolSizeGetsTheDefaultCap()
    {
        var storage = Read(("ConnectionStrings:Postgres", Postgres));

        var parts = new NpgsqlConnectionStringBuilder(storage.Postgres);
        Assert.Equal(StorageSettings.DefaultPostgresPoolSize, parts.MaxPoolSize);
        Assert.Equal("secret", parts.Password);
        Assert.Equal("orleansbots", parts.Database);
    }

    [Fact]
    public void TheCapIsASetting()
    {
        var storage = Read(("ConnectionStrings:Postgres", Postgres), ("Storage:PostgresPoolSize", "7"));

        Assert.Equal(7, new NpgsqlConnectionStringBuilder(storage.Postgres).MaxPoolSize);
    }

    [Theory]
    [InlineData("Maximum Pool Size=60")]
    [InlineData("maximum pool size=60")]
    [InlineData("MaxPoolSize=60")]
    public void APoolSizeTheConnectionStringNamesIsKept(string poolSize)
    {
        var storage = Read(("ConnectionStrings:Postgres", $"{Postgres};{poolSize}"), ("Storage:PostgresPoolSize", "7"));

        Assert.Equal(60, new NpgsqlConnectionStringBuilder(storage.Postgres).MaxPoolSize);
    }

    [Fact]
    public void AnInvalidConnectionStringIsLeftForTheStartupChecksToReport()
    {
        var storage = Read(("ConnectionStrings:Postgres", "garbage;;="));

        Assert.Equal("garbage;;=", storage.Postgres);
        Assert.Contains(StartupChecks.Problems(Configuration(("ConnectionStrings:Postgres", "garbage;;="))), problem => problem.Contains("ConnectionStrings:Postgres"));
    }

    [Fact]
    public void WithoutPostgresNothingIsAdded() => Assert.Null(Read().Postgres);

    private static StorageSettings Read(params (string Key, string Value)[] settings) => StorageSettings.Read(Configuration(settings));

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
