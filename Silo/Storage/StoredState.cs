namespace OrleansBots.Silo.Storage;

/// <summary>A row as stored: its version (the ETag) and the state in Orleans' binary format.</summary>
public sealed record StoredState(long Version, byte[] Payload);
