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

    public int Slot { get; } = slot;

    public SiloProcess Process { get; private set; } = process;

    public TempFolder Data { get; } = data;

    public SiloCondition Condition { get; private set; } = SiloCondition.Up;

    public int Disturbances => Volatile.Read(ref _disturbances);

    public string Name => $"silo{Slot}:{Process.SiloPort}";

    public bool IsUp => Condition == SiloCondition.Up;

    public void Became(SiloCondition condition)
    {
        Interlocked.Increment(ref _disturbances);
        Condition = condition;
    }

    /// <summary>The logs of the processes that filled this place before the current one.</summary>
    public string EarlierLogs { get; private set; } = "";

    public void Replaced(SiloProcess next)
    {
        EarlierLogs += $"===== {Name}\n{Process.Log}\n";
        Interlocked.Increment(ref _disturbances);
        Process = next;
        Condition = SiloCondition.Up;
    }

    /// <summary>True when this silo hosts the grain at <paramref name="siloAddress"/> (Orleans writes "S127.0.0.1:PORT:GEN").</summary>
    public bool Hosts(string? siloAddress) =>
        siloAddress is not null && siloAddress.Contains($":{Process.SiloPort}:", StringComparison.Ordinal);
}
