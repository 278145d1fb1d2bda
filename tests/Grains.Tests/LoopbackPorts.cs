using System.Net;
using System.Net.Sockets;

namespace OrleansBots.Tests;

/// <summary>
/// Free ports on 127.0.0.1 for the tests' servers and silos. A port is never handed out twice in a run: the shared
/// test cluster keeps per-endpoint state (egress budgets, bans, model endpoints' health) keyed by host and port, and a
/// reused port would hand a new server an old one's state. Ports are taken below the kernel's ephemeral range, so
/// that the local end of an outgoing connection (to PostgreSQL, Redis, another silo) cannot take a port between the
/// moment it was found free and the moment its server binds it.
/// </summary>
public static class LoopbackPorts
{
    private const int Lowest = 10_000;
    private const string EphemeralRange = "/proc/sys/net/ipv4/ip_local_port_range";

    private static readonly HashSet<int> HandedOut = [];
    private static readonly int BelowEphemeral = FirstEphemeralPort();

    public static int Next()
    {
        while (true)
        {
            var port = BelowEphemeral > Lowest ? Random.Shared.Next(Lowest, BelowEphemeral) : 0;
            if (TryBind(port) is not { } bound)
            {
                continue;
            }

            lock (HandedOut)
            {
                if (HandedOut.Add(bound))
                {
                    return bound;
                }
            }
        }
    }

    private static int? TryBind(int port)
    {
        try
        {
            using var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        catch (SocketException)
        {
            return null;
        }
    }

    // Without the Linux setting, the kernel's own choice (port 0) is the fallback.
    private static int FirstEphemeralPort() =>
        File.Exists(EphemeralRange) && int.TryParse(File.ReadAllText(EphemeralRange).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0], out var first)
            ? first
            : 0;
}
