using Orleans.Serialization;
using Orleans.Storage;

namespace OrleansBots.Silo.Storage;

/// <summary>
/// How grain states are kept, in memory and in PostgreSQL (<see cref="PostgresGrainStorage"/>): Orleans' binary format
/// in an array of exactly the written size. The default (Newtonsoft JSON into a growing buffer that is kept whole) cost
/// a running bot about 6 KB of heap for a 3 KB state and most of the CPU of a save. Every stored state is a
/// <c>[GenerateSerializer]</c> type with <c>[Id]</c> fields and an <c>[Alias]</c>, which is what keeps the format
/// readable across versions: fields added later read as their defaults, and a type that moves keeps its alias.
/// </summary>
public sealed class CompactStateSerializer(Serializer serializer) : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => new(serializer.SerializeToArray(input));

    public T Deserialize<T>(BinaryData input) => serializer.Deserialize<T>(input.ToMemory())!;
}
