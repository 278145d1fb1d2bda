using OrleansBots.Hardware;

namespace OrleansBots.Tests.Hardware;

/// <summary>The budgets follow the formula in docs/HARDWARE.md; the expected numbers are worked out by hand from it.</summary>
public sealed class BudgetFormulaTests
{
    private const long GiB = 1L << 30;

    // Fixed costs, so the table does not move when the measured ones are updated.
    private static readonly BotCosts Costs = new(BytesPerBot: 32 * 1024, CpuSecondsPerTick: 60e-6, SiloBaselineBytes: 256L << 20, TickSeconds: 5);

    public static TheoryData<string, Machine, bool, Expected> Table => new()
    {
        // 4 GiB × 60 % = 2 576 980 377 B; cache 10 %; (budget − 256 MiB − cache) / 32 KiB = 62 586; CPU 2 × 0.7 × 5 s / 60 µs = 116 666.
        { "2 cores, 4 GiB", new(2, 4 * GiB, null, null), false, new(2_576_980_377, 257_698_037, 62_586, 116_666, 62_586, 64, 85, 80, 80, 70) },
        // A 1 GiB / 1.5-core container on a 16 GiB, 8-core host: the cgroup wins.
        { "container smaller than the host", new(8, 16 * GiB, GiB, 1.5), false, new(644_245_094, 64_424_509, 9_502, 87_500, 9_502, 48, 85, 80, 80, 70) },
        // Low resource mode: targets × 0.8 (56 % CPU, 48 % memory), cache 5 %, 16 ticks per core, sampling × 3.
        { "low resource mode, 1 core, 2 GiB", new(1, 2 * GiB, null, null), true, new(1_030_792_151, 51_539_607, 21_692, 46_666, 21_692, 16, 78, 74, 74, 61) },
        // 512 MiB container: little is left for bots after the silo's own 256 MiB.
        { "512 MiB container", new(2, 2 * GiB, 512L << 20, null), false, new(322_122_547, 32_212_254, 655, 116_666, 655, 64, 85, 80, 80, 70) },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void BudgetsFollowTheDocumentedFormula(string machine, Machine hardware, bool lowResourceMode, Expected expected)
    {
        var budgets = BudgetFormula.From(hardware.Inventory(), new HardwareOptions { LowResourceMode = lowResourceMode }, Costs);

        Assert.True(budgets.Applied, machine);
        Assert.Equal(lowResourceMode, budgets.LowResourceMode);
        Assert.Equal(expected.MemoryBudget, budgets.MemoryBudgetBytes);
        Assert.Equal(expected.Cache, budgets.CacheBytes);
        Assert.Equal(expected.ByMemory, budgets.MaxBotsByMemory);
        Assert.Equal(expected.ByCpu, budgets.MaxBotsByCpu);
        Assert.Equal(expected.Recommended, BudgetFormula.RecommendedMaxBots(budgets));
        Assert.Equal(expected.Ticks, budgets.ConcurrentTicks);
        Assert.Equal(expected.ShedCpu, budgets.LoadSheddingCpuPercent);
        Assert.Equal(expected.ShedMemory, budgets.LoadSheddingMemoryPercent);
        Assert.Equal(expected.CollectLimit, budgets.GrainCollectionMemoryLimitPercent);
        Assert.Equal(expected.CollectTarget, budgets.GrainCollectionMemoryTargetPercent);
        Assert.Equal(lowResourceMode ? 15 : 5, budgets.MonitorIntervalSeconds);
    }

    [Fact]
    public void OtherTargetsMoveEveryBudget()
    {
        var budgets = BudgetFormula.From(new Machine(4, 8 * GiB, null, null).Inventory(), new HardwareOptions { CpuTargetUsage = 50, MemoryTargetUsage = 80 }, Costs);

        Assert.Equal(6_871_947_673, budgets.MemoryBudgetBytes);
        Assert.Equal(180_551, budgets.MaxBotsByMemory);
        Assert.Equal(166_666, budgets.MaxBotsByCpu);
        Assert.Equal(166_666, BudgetFormula.RecommendedMaxBots(budgets));
        Assert.Equal(75, budgets.LoadSheddingCpuPercent);
        Assert.Equal(90, budgets.GrainCollectionMemoryLimitPercent);
        Assert.Equal(85, budgets.GrainCollectionMemoryTargetPercent);
    }

    [Fact]
    public void WithoutAutoAdaptTheBudgetsAreOnlyReported()
    {
        var budgets = BudgetFormula.From(new Machine(2, 4 * GiB, null, null).Inventory(), new HardwareOptions { AutoAdapt = false }, Costs);

        Assert.False(budgets.Applied);
        Assert.Equal(int.MaxValue, new TickGate(HardwareReportFor(budgets)).Limit);
        Assert.Equal(64, new TickGate(HardwareReportFor(budgets with { Applied = true })).Limit);
    }

    [Fact]
    public void TheCacheBudgetStaysWithinItsBounds()
    {
        var small = BudgetFormula.From(new Machine(1, 64L << 20, null, null).Inventory(), new HardwareOptions(), Costs);
        var large = BudgetFormula.From(new Machine(64, 256 * GiB, null, null).Inventory(), new HardwareOptions(), Costs);

        Assert.Equal(BudgetFormula.MinCacheBytes, small.CacheBytes);
        Assert.Equal(0, small.MaxBotsByMemory);
        Assert.Equal(1, BudgetFormula.RecommendedMaxBots(small));
        Assert.Equal(BudgetFormula.MaxCacheBytes, large.CacheBytes);
    }

    private static SiloHardware HardwareReportFor(HardwareBudgets budgets)
    {
        var inventory = new Machine(2, 4 * GiB, null, null).Inventory();
        return new SiloHardware(inventory.Cpu, inventory.Memory, inventory.Disk, null, [], budgets, BudgetFormula.RecommendedMaxBots(budgets), DateTimeOffset.UnixEpoch);
    }

    public sealed record Machine(int Cores, long MemoryBytes, long? CgroupLimitBytes, double? CgroupCores)
    {
        public HardwareInventory Inventory() => new(
            new CpuInfo(Cores, Cores, "test", null, "x64", CgroupCores),
            new MemoryInfo(MemoryBytes, MemoryBytes, CgroupLimitBytes, MemoryBytes),
            new DiskInfo("/", 100 * GiB, 50 * GiB, "ssd", "sda"),
            null,
            []);
    }

    public sealed record Expected(long MemoryBudget, long Cache, int ByMemory, int ByCpu, int Recommended, int Ticks, double ShedCpu, double ShedMemory, double CollectLimit, double CollectTarget);
}
