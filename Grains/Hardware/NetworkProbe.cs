using System.Globalization;

namespace OrleansBots.Hardware;

/// <summary>Network interfaces from /sys/class/net: kind from the ARP type (and a wireless folder), speed in Mb/s, up or down.</summary>
public static class NetworkProbe
{
    public static IReadOnlyList<NetworkInterfaceInfo> Read(HostFiles files) =>
        files.List("/sys/class/net").Select(name => ReadInterface(files, name)).ToList();

    private static NetworkInterfaceInfo ReadInterface(HostFiles files, string name)
    {
        var folder = $"/sys/class/net/{name}";
        var kind = files.ReadLine($"{folder}/type") switch
        {
            "772" => "loopback",
            "1" when files.Exists($"{folder}/wireless") => "wireless",
            "1" => "ethernet",
            _ => "other",
        };
        int? speed = int.TryParse(files.ReadLine($"{folder}/speed"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var mbps) && mbps > 0 ? mbps : null;
        var state = files.ReadLine($"{folder}/operstate");

        // Loopback and some virtual interfaces say "unknown"; their IFF_UP flag says whether they are up.
        var flags = files.ReadLine($"{folder}/flags");
        var flaggedUp = flags is not null
            && long.TryParse(flags.Replace("0x", string.Empty, StringComparison.Ordinal), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var bits)
            && (bits & 1) == 1;
        return new NetworkInterfaceInfo(name, kind, speed, state == "up" || (state == "unknown" && flaggedUp));
    }
}
