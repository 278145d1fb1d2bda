using OrleansBots.Hardware;

namespace OrleansBots.Tests.Hardware;

public sealed class CgroupTests
{
    [Fact]
    public void CgroupV2LimitsAreReadFromTheGroupsFolder()
    {
        using var root = new FixtureRoot(new Dictionary<string, string>
        {
            ["/proc/self/cgroup"] = "0::/kubepods/pod1/app\n",
            ["/sys/fs/cgroup/cgroup.controllers"] = "cpu memory\n",
            ["/sys/fs/cgroup/kubepods/pod1/app/memory.max"] = "536870912\n",
            ["/sys/fs/cgroup/kubepods/pod1/app/memory.current"] = "134217728\n",
            ["/sys/fs/cgroup/kubepods/pod1/app/cpu.max"] = "150000 100000\n",
            ["/sys/fs/cgroup/kubepods/pod1/app/cpu.stat"] = "usage_usec 2500000\nuser_usec 2000000\n",
        });

        var cgroup = new Cgroup(root.Files);

        Assert.Equal(2, cgroup.Version);
        Assert.Equal(536870912, cgroup.MemoryLimitBytes());
        Assert.Equal(134217728, cgroup.MemoryUsageBytes());
        Assert.Equal(1.5, cgroup.CpuLimitCores());
        Assert.Equal(TimeSpan.FromSeconds(2.5), cgroup.CpuUsage());
    }

    [Fact]
    public void CgroupV2MaxMeansNoLimit()
    {
        // Inside a container the group is mounted at the root, whatever path /proc/self/cgroup names.
        using var root = new FixtureRoot(new Dictionary<string, string>
        {
            ["/proc/self/cgroup"] = "0::/system.slice/docker-abc.scope\n",
            ["/sys/fs/cgroup/cgroup.controllers"] = "cpu memory\n",
            ["/sys/fs/cgroup/memory.max"] = "max\n",
            ["/sys/fs/cgroup/cpu.max"] = "max 100000\n",
        });

        var cgroup = new Cgroup(root.Files);

        Assert.Null(cgroup.MemoryLimitBytes());
        Assert.Null(cgroup.CpuLimitCores());
    }

    [Fact]
    public void CgroupV1LimitsComeFromTheMemoryAndCpuControllers()
    {
        using var root = new FixtureRoot(new Dictionary<string, string>
        {
            ["/proc/self/cgroup"] = "4:memory:/docker/abc\n3:cpu,cpuacct:/docker/abc\n",
            ["/sys/fs/cgroup/memory/docker/abc/memory.limit_in_bytes"] = "1073741824\n",
            ["/sys/fs/cgroup/memory/docker/abc/memory.usage_in_bytes"] = "268435456\n",
            ["/sys/fs/cgroup/cpu/docker/abc/cpu.cfs_quota_us"] = "50000\n",
            ["/sys/fs/cgroup/cpu/docker/abc/cpu.cfs_period_us"] = "100000\n",
            ["/sys/fs/cgroup/cpuacct/docker/abc/cpuacct.usage"] = "3000000000\n",
        });

        var cgroup = new Cgroup(root.Files);

        Assert.Equal(1, cgroup.Version);
        Assert.Equal(1073741824, cgroup.MemoryLimitBytes());
        Assert.Equal(268435456, cgroup.MemoryUsageBytes());
        Assert.Equal(0.5, cgroup.CpuLimitCores());
        Assert.Equal(TimeSpan.FromSeconds(3), cgroup.CpuUsage());
    }

    [Fact]
    public void CgroupV1HugeLimitAndMinusOneQuotaMeanNoLimit()
    {
        using var root = new FixtureRoot(new Dictionary<string, string>
        {
            ["/proc/self/cgroup"] = "4:memory:/\n1:cpu:/\n",
            ["/sys/fs/cgroup/memory/memory.limit_in_bytes"] = "9223372036854771712\n",
            ["/sys/fs/cgroup/cpu/cpu.cfs_quota_us"] = "-1\n",
            ["/sys/fs/cgroup/cpu/cpu.cfs_period_us"] = "100000\n",
        });

        var cgroup = new Cgroup(root.Files);

        Assert.Equal(1, cgroup.Version);
        Assert.Null(cgroup.MemoryLimitBytes());
        Assert.Null(cgroup.CpuLimitCores());
    }

    [Fact]
    public void WithoutACgroupFileSystemThereAreNoLimits()
    {
        using var root = new FixtureRoot(new Dictionary<string, string> { ["/proc/self/cgroup"] = "0::/\n" });

        var cgroup = new Cgroup(root.Files);

        Assert.Equal(0, cgroup.Version);
        Assert.Null(cgroup.MemoryLimitBytes());
        Assert.Null(cgroup.CpuLimitCores());
    }

    [Fact]
    public void TheProbeReportsTheContainersLimitsAndUsesTheSmallerMemory()
    {
        using var root = new FixtureRoot(new Dictionary<string, string>
        {
            ["/proc/self/cgroup"] = "0::/\n",
            ["/proc/meminfo"] = "MemTotal: 16777216 kB\nMemAvailable: 8388608 kB\n",
            ["/sys/fs/cgroup/cgroup.controllers"] = "cpu memory\n",
            ["/sys/fs/cgroup/memory.max"] = "1073741824\n",
            ["/sys/fs/cgroup/cpu.max"] = "200000 100000\n",
        });

        var hardware = new HardwareProbe(root.Files, 8, 16L << 30, () => null).Read(root.Path);

        Assert.Equal(1073741824, hardware.Memory.CgroupLimitBytes);
        Assert.Equal(1073741824, hardware.Memory.UsableBytes);
        Assert.Equal(2, hardware.Cpu.CgroupLimitCores);
        Assert.Equal(2, hardware.Cpu.UsableCores);
        Assert.Null(hardware.Gpu);
    }
}
