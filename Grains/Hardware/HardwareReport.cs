namespace OrleansBots.Hardware;

/// <summary>Probes the hardware and derives the budgets: the silo's <see cref="SiloHardware"/>, made once at start.</summary>
public static class HardwareReport
{
    public static SiloHardware Create(HardwareProbe probe, HardwareOptions options, BotCosts costs, string dataPath, DateTimeOffset now)
    {
        var inventory = probe.Read(dataPath);
        var budgets = BudgetFormula.From(inventory, options, costs);
        return new SiloHardware(
            inventory.Cpu,
            inventory.Memory,
            inventory.Disk,
            inventory.Gpu,
            inventory.Network,
            budgets,
            BudgetFormula.RecommendedMaxBots(budgets),
            now);
    }
}
