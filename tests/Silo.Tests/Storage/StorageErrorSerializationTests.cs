using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using OrleansBots.Silo.Storage;

namespace OrleansBots.Silo.Tests.Storage;

/// <summary>A storage failure crosses silos as itself, so the HTTP API sees a storage outage, not an unknown error.</summary>
public sealed class StorageErrorSerializationTests
{
    [Fact]
    public void AStorageFailureWrappedByGrainStorageArrivesOnAnotherSiloAsItself()
    {
        var serializer = new ServiceCollection().AddSerializer().SerializeStorageErrors().BuildServiceProvider().GetRequiredService<Serializer>();
        var sent = new OrleansException("Error from storage provider during ReadStateAsync", new NpgsqlException("Failed to connect to 127.0.0.1:5432"));

        var received = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(sent));

        var storage = Assert.IsType<NpgsqlException>(Assert.IsType<OrleansException>(received).InnerException);
        Assert.Equal("Failed to connect to 127.0.0.1:5432", storage.Message);
    }

    [Fact]
    public void AStorageFailureThrownByAGrainArrivesAsItself()
    {
        var serializer = new ServiceCollection().AddSerializer().SerializeStorageErrors().BuildServiceProvider().GetRequiredService<Serializer>();

        var received = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(new NpgsqlException("Exception while reading from stream")));

        Assert.IsType<NpgsqlException>(received);
    }
}
