using OrleansBots.Hardware;

namespace OrleansBots.Tests.Hardware;

public sealed class HardwareProbeTests
{
    [Fact]
    public void TheProbeReturnsThisMachinesCoreCountAndMemory()
    {
        var hardware = HardwareProbe.Machine().Read(Directory.GetCurrentDirectory());

        Assert.Equal(Environment.ProcessorCount, hardware.Cpu.CoresLogical);
        Assert.InRange(hardware.Cpu.CoresPhysical, 1, hardware.Cpu.CoresLogical);
        var memTotal = MemoryProbe.ParseMemInfo(File.ReadAllText("/proc/meminfo"))["MemTotal"];
        Assert.InRange(hardware.Memory.TotalBytes, memTotal * 0.99, memTotal * 1.01);
        Assert.InRange(hardware.Memory.AvailableBytes, 1, hardware.Memory.TotalBytes);
        Assert.True(hardware.Disk.TotalBytes > 0 && hardware.Disk.FreeBytes <= hardware.Disk.TotalBytes);
        Assert.Contains(hardware.Network, n => n.Kind == "loopback");
    }

    [Fact]
    public void PhysicalCoresCountDistinctCoresAcrossSockets()
    {
        // Two sockets, two cores each, two hyper-threads per core: 8 logical, 4 physical.
        var blocks = Enumerable.Range(0, 8).Select(i =>
            $"processor\t: {i}\nmodel name\t: Test CPU 9000\ncpu MHz\t\t: 3000.125\nphysical id\t: {i / 4}\ncore id\t\t: {i % 4 / 2}\n");
        using var root = new FixtureRoot(new Dictionary<string, string> { ["/proc/cpuinfo"] = string.Join("\n", blocks) });

        var cpu = CpuProbe.Read(root.Files, new Cgroup(root.Files), 8, System.Runtime.InteropServices.Architecture.X64);

        Assert.Equal(8, cpu.CoresLogical);
        Assert.Equal(4, cpu.CoresPhysical);
        Assert.Equal("Test CPU 9000", cpu.Model);
        Assert.Equal(3000.1, cpu.FrequencyMhz);
        Assert.Equal("x64", cpu.Architecture);
        Assert.Null(cpu.CgroupLimitCores);
    }

    [Fact]
    public void MemoryComesFromMeminfoInBytes()
    {
        using var root = new FixtureRoot(new Dictionary<string, string> { ["/proc/meminfo"] = "MemTotal:       4000 kB\nMemFree:        1000 kB\nMemAvailable:   3000 kB\n" });

        var memory = MemoryProbe.Read(root.Files, new Cgroup(root.Files), gcAvailableBytes: 4000 * 1024);

        Assert.Equal(4000 * 1024, memory.TotalBytes);
        Assert.Equal(3000 * 1024, memory.AvailableBytes);
        Assert.Null(memory.CgroupLimitBytes);
    }

    [Theory]
    [InlineData("nvme0n1", "0", "nvme")]
    [InlineData("sda", "0", "ssd")]
    [InlineData("sdb", "1", "hdd")]
    [InlineData("vdc", "", "unknown")]
    public void DiskKindComesFromSysBlock(string device, string rotational, string kind)
    {
        using var root = new FixtureRoot(new Dictionary<string, string> { [$"/sys/block/{device}/queue/rotational"] = rotational + "\n" });

        Assert.Equal(kind, DiskProbe.KindOf(root.Files, device));
    }

    [Theory]
    [InlineData("/dev/nvme0n1p2", "nvme0n1")]
    [InlineData("/dev/sda1", "sda")]
    [InlineData("/dev/sdb", "sdb")]
    public void TheDataFolderIsTracedToItsWholeDisk(string mountedDevice, string disk)
    {
        using var root = new FixtureRoot(new Dictionary<string, string>
        {
            ["/proc/self/mounts"] = $"overlay / overlay rw 0 0\n{mountedDevice} /srv/data ext4 rw 0 0\n",
            [$"/sys/block/{disk}/queue/rotational"] = "0\n",
            ["/sys/block/loop0/queue/rotational"] = "0\n",
        });

        Assert.Equal(disk, DiskProbe.BlockDeviceOf(root.Files, "/srv/data/orleansbots"));
    }

    [Fact]
    public void AnOverlayRootFallsBackToTheOnlyRealDisk()
    {
        using var root = new FixtureRoot(new Dictionary<string, string>
        {
            ["/proc/self/mounts"] = "overlay / overlay rw 0 0\n",
            ["/sys/block/vda/queue/rotational"] = "1\n",
            ["/sys/block/loop0/queue/rotational"] = "0\n",
            ["/sys/block/zram0/queue/rotational"] = "0\n",
        });

        Assert.Equal("vda", DiskProbe.BlockDeviceOf(root.Files, "/app/data"));
    }

    [Fact]
    public void NoGpuIsNull()
    {
        using var root = new FixtureRoot(new Dictionary<string, string> { ["/proc/meminfo"] = "MemTotal: 1 kB\n" });

        Assert.Null(GpuProbe.Read(root.Files, () => null));
    }

    [Fact]
    public void NvidiaGpusAreReadFromProcAndSizedByNvidiaSmi()
    {
        using var root = new FixtureRoot(new Dictionary<string, string>
        {
            ["/proc/driver/nvidia/gpus/0000:01:00.0/information"] = "Model: \t\t NVIDIA T4\nIRQ:   \t\t 35\n",
        });

        var fromProc = GpuProbe.Read(root.Files, () => null);
        var sized = GpuProbe.Read(root.Files, () => "NVIDIA T4, 15360 MiB\n");

        Assert.Equal([new GpuInfo("NVIDIA T4", null, "proc")], fromProc);
        Assert.Equal([new GpuInfo("NVIDIA T4", 15360L * 1024 * 1024, "nvidia-smi")], sized);
    }

    [Fact]
    public void NetworkInterfacesHaveKindSpeedAndState()
    {
        using var root = new FixtureRoot(new Dictionary<string, string>
        {
            ["/sys/class/net/eth0/type"] = "1\n",
            ["/sys/class/net/eth0/speed"] = "10000\n",
            ["/sys/class/net/eth0/operstate"] = "up\n",
            ["/sys/class/net/lo/type"] = "772\n",
            ["/sys/class/net/lo/operstate"] = "unknown\n",
            ["/sys/class/net/lo/flags"] = "0x9\n",
            ["/sys/class/net/wlan0/type"] = "1\n",
            ["/sys/class/net/wlan0/wireless/x"] = "",
            ["/sys/class/net/wlan0/speed"] = "-1\n",
            ["/sys/class/net/wlan0/operstate"] = "down\n",
        });

        var interfaces = NetworkProbe.Read(root.Files);

        Assert.Equal(
            [new NetworkInterfaceInfo("eth0", "ethernet", 10000, true), new NetworkInterfaceInfo("lo", "loopback", null, true), new NetworkInterfaceInfo("wlan0", "wireless", null, false)],
            interfaces);
    }
}
