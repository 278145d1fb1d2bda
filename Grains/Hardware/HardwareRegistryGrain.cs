namespace OrleansBots.Hardware;

/// <summary>
/// Every silo's hardware and latest load, in memory. Nothing is lost for good when its silo dies: each silo
/// registers again when a load report's answer leaves it out.
/// </summary>
public sealed class HardwareRegistryGrain(TimeProvider time) : Grain, IHardwareRegistryGrain
{
    // A silo gone this long is forgotten; the stats endpoint shows only members anyway.
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromMinutes(10);

    private readonly Dictionary<string, SiloRecord> _silos = new(StringComparer.Ordinal);

    public Task Register(string silo, SiloHardware hardware)
    {
        _silos[silo] = new SiloRecord(hardware, _silos.GetValueOrDefault(silo)?.Load);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, SiloLoadSample>> ReportLoad(string silo, SiloLoadSample load)
    {
        _silos[silo] = new SiloRecord(_silos.GetValueOrDefault(silo)?.Hardware, load);
        var now = time.GetUtcNow();
        foreach (var gone in _silos.Where(s => s.Value.Load is { } last && now - last.At > ForgetAfter).Select(s => s.Key).ToList())
        {
            _silos.Remove(gone);
        }

        IReadOnlyDictionary<string, SiloLoadSample> loads = _silos
            .Where(s => s.Value.Hardware is not null && s.Value.Load is not null)
            .ToDictionary(s => s.Key, s => s.Value.Load!, StringComparer.Ordinal);
        return Task.FromResult(loads);
    }

    public Task<IReadOnlyDictionary<string, SiloRecord>> GetSilos() =>
        Task.FromResult<IReadOnlyDictionary<string, SiloRecord>>(new Dictionary<string, SiloRecord>(_silos, StringComparer.Ordinal));
}
