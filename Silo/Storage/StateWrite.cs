namespace OrleansBots.Silo.Storage;

/// <summary>A state to store over the version the grain read (<see cref="Expected"/> null: it read none).</summary>
public sealed record StateWrite(string GrainId, string StateName, long? Expected, byte[] Payload);
