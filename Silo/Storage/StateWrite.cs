namespace OrleansBots.Silo.Storage;

/// <summary>
/// A state to store over the version the grain read (<see cref="Expected"/> null: it read none). <see cref="WriteId"/>
/// names this write: sent again after it was applied, it is recognised on the row rather than refused.
/// </summary>
public sealed record StateWrite(string GrainId, string StateName, long? Expected, byte[] Payload, Guid WriteId);
