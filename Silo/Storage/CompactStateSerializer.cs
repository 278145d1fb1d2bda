using Orleans.Serialization;
using Orleans.Storage;

namespace OrleansBots.Silo.Storage;

/// <summary>
/// How the in-memory store keeps grain states: Orleans' binary format in an array of exactly the written size. The
/// default (Newtonsoft JSON into a growing buffer that is kept whole) cost a running bot about 6 KB of heap for a
/// 3 KB state and most of the CPU of a save; a save happens every <c>Bots:SaveInterval</c> per running bot, so at
/// 100,000 bots that is 3,333 serializations a second. The in-memory store lives and dies with the process, so its
/// format never has to be read by anything else. Every stored state is a <c>[GenerateSerializer]</c> type.
/// </summary>
public sealed class CompactStateSerializer(Serializer serializer) : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) => new(serializer.SerializeToArray(input));

    public T Deserialize<T>(BinaryData input) => serializer.Deserialize<T>(input.ToMemory())!;
}
