using System.Text.RegularExpressions;

namespace OrleansBots.Hardware;

/// <summary>
/// The drive of the silo's data folder: free and total space from .NET, the block device from /proc/self/mounts,
/// and its kind from /sys/block (NVMe by name, SSD or HDD by <c>queue/rotational</c>).
/// </summary>
public static partial class DiskProbe
{
    public static DiskInfo Read(HostFiles files, string dataPath)
    {
        var path = ExistingAncestor(Path.GetFullPath(dataPath));
        long total = 0;
        long free = 0;
        try
        {
            var drive = new DriveInfo(path);
            total = drive.TotalSize;
            free = drive.AvailableFreeSpace;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // No size for this path (an unusual mount): reported as zero.
        }

        var device = BlockDeviceOf(files, path);
        return new DiskInfo(path, total, free, device is null ? "unknown" : KindOf(files, device), device);
    }

    /// <summary>The whole-disk device under /sys/block that holds <paramref name="path"/>, or the only real disk when the mount names none (overlay).</summary>
    public static string? BlockDeviceOf(HostFiles files, string path)
    {
        var mounts = (files.Read("/proc/self/mounts") ?? string.Empty)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .Where(parts => parts.Length >= 2)
            .Select(parts => (Device: parts[0], Mount: parts[1].Replace("\\040", " ", StringComparison.Ordinal)))
            .Where(m => path == m.Mount || path.StartsWith(m.Mount.TrimEnd('/') + "/", StringComparison.Ordinal) || m.Mount == "/")
            .OrderByDescending(m => m.Mount.Length)
            .ToList();
        if (mounts.Count > 0 && mounts[0].Device.StartsWith("/dev/", StringComparison.Ordinal))
        {
            var name = WholeDisk(files, mounts[0].Device["/dev/".Length..]);
            if (name is not null)
            {
                return name;
            }
        }

        var disks = files.List("/sys/block").Where(d => !VirtualDevice().IsMatch(d)).ToList();
        return disks.Count == 1 ? disks[0] : null;
    }

    /// <summary><c>nvme</c>, <c>ssd</c> or <c>hdd</c> for a device under /sys/block; <c>unknown</c> when the kernel does not say.</summary>
    public static string KindOf(HostFiles files, string device)
    {
        if (device.StartsWith("nvme", StringComparison.Ordinal))
        {
            return "nvme";
        }

        return files.ReadLine($"/sys/block/{device}/queue/rotational") switch
        {
            "0" => "ssd",
            "1" => "hdd",
            _ => "unknown",
        };
    }

    private static string? WholeDisk(HostFiles files, string partition)
    {
        if (files.Exists($"/sys/block/{partition}"))
        {
            return partition;
        }

        // sda1 → sda, nvme0n1p2 → nvme0n1, mmcblk0p1 → mmcblk0.
        var disk = Partition().Replace(partition, string.Empty);
        return files.Exists($"/sys/block/{disk}") ? disk : null;
    }

    private static string ExistingAncestor(string path)
    {
        var current = new DirectoryInfo(path);
        while (current is not null && !current.Exists)
        {
            current = current.Parent;
        }

        return current?.FullName ?? Path.GetPathRoot(path) ?? "/";
    }

    [GeneratedRegex(@"(?<=\d)p\d+$|(?<=[a-z])\d+$")]
    private static partial Regex Partition();

    [GeneratedRegex(@"^(loop|ram|zram|dm-|sr|fd|md)")]
    private static partial Regex VirtualDevice();
}
