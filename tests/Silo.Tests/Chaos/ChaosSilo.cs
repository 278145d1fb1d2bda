using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Silo.Tests.Chaos;

public enum SiloCondition
{
    Up,
    Frozen,
    Stopping,
    Down,
}

/// <summary>
/// One place in the chaos cluster: the silo process that fills it now (a restart puts a new one in), its data
/// folder, and what the harness did to it. <see cref="Disturbances"/> counts those acts, so a request can tell
/// whether its silo stayed up the whole time it was answering.
/// </summary>
public sealed class ChaosSilo(int slot, SiloProcess process, TempFolder data)
{
    private int _disturbances;

    // Cancelled (and replaced) whenever the harness disturbs this silo.
    private CancellationTokenSource _undisturbed = new();

    public int Slot { get; } = slot;

    public SiloProcess Process { get; private set; } = process;

    public TempFolder Data { get; } = data;

    public SiloCondition Condition { get; private set; } = SiloCondition.Up;

    public int Disturbances => Volatile.Read(ref _disturbances);

    public string Name => $"silo{Slot}:{Process.SiloPort}";

    public bool IsUp => Condition == SiloCondition.Up;

    /// <summary>
    /// Cancelled when the harness next disturbs this silo. A reading in flight to a silo that the harness freezes would
    /// otherwise wait the 20 s of the freeze, and hold up the readings of every bot its reader goes through after it.
    /// </summary>
    public CancellationToken UntilDisturbed => Volatile.Read(ref _undisturbed).Token;

    public void Became(SiloCondition condition)
    {
        Interlocked.Increment(ref _disturbances);
        Condition = condition;
        Disturb();
    }

    // Not disposed: a reading may still be linking the old token.
    private void Disturb() => Interlocked.Exchange(ref _undisturbed, new CancellationTokenSource()).Cancel();

    /// <summary>The logs of the processes that filled this place before the current one.</summary>
    public string EarlierLogs { get; private set; } = "";

    public void Replaced(SiloProcess next)
    {
        EarlierLogs += $"===== {Name}\n{Process.Log}\n";
        Interlocked.Increment(ref _disturbances);
        Process = next;
        Condition = SiloCondition.Up;
        Disturb();
    }

    /// <summary>True when this silo hosts the grain at <paramref name="siloAddress"/> (Orleans writes "S127.0.0.1:PORT:GEN").</summary>
    public bool Hosts(string? siloAddress) =>
        siloAddress is not null && siloAddress.Contains($":{Process.SiloPort}:", StringComparison.Ordinal);
}
