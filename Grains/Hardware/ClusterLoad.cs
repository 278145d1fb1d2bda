namespace OrleansBots.Hardware;

/// <summary>
/// The latest load of every silo as this silo last heard it from the hardware registry (refreshed with each of
/// its own reports), read by the placement director without a grain call.
/// </summary>
public sealed class ClusterLoad
{
    private volatile IReadOnlyDictionary<string, SiloLoadSample> _loads = new Dictionary<string, SiloLoadSample>();

    public IReadOnlyDictionary<string, SiloLoadSample> Loads
    {
        get => _loads;
        set => _loads = value;
    }
}
