namespace OrleansBots.Hardware;

/// <summary>What the hardware registry knows of one silo: its hardware (registered at start) and its latest load.</summary>
[GenerateSerializer, Immutable, Alias("OrleansBots.SiloRecord")]
public sealed record SiloRecord(
    [property: Id(0)] SiloHardware? Hardware,
    [property: Id(1)] SiloLoadSample? Load);
