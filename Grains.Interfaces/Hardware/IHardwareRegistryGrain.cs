namespace OrleansBots.Hardware;

/// <summary>
/// Every silo's hardware and latest load (key <see cref="GlobalKey"/>), keyed by the silo's parsable address.
/// Kept in memory: silos register again when it answers that it does not know them (e.g. after its own silo died).
/// </summary>
[Alias("OrleansBots.IHardwareRegistryGrain")]
public interface IHardwareRegistryGrain : IGrainWithStringKey
{
    public const string GlobalKey = "global";

    /// <summary>Registers (or replaces) a silo's hardware report.</summary>
    [Alias("Register")]
    Task Register(string silo, SiloHardware hardware);

    /// <summary>Records a silo's load and answers the latest load of every registered silo, for placement; a silo missing from the answer registers again.</summary>
    [Alias("ReportLoad")]
    Task<IReadOnlyDictionary<string, SiloLoadSample>> ReportLoad(string silo, SiloLoadSample load);

    /// <summary>Every known silo's hardware and load.</summary>
    [Alias("GetSilos"), ReadOnly]
    Task<IReadOnlyDictionary<string, SiloRecord>> GetSilos();
}
