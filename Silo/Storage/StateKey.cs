namespace OrleansBots.Silo.Storage;

/// <summary>One grain's state by name, as <c>grain_state</c> keys it.</summary>
public readonly record struct StateKey(string GrainId, string StateName);
