using System.Net;
using System.Net.Sockets;

namespace OrleansBots.Tests;

/// <summary>
/// Free ports on 127.0.0.1 for the tests' servers, never one that an earlier server of this run had: the shared test
/// cluster keeps per-endpoint state (egress budgets, bans, model endpoints' health) keyed by host and port, and a
/// reused port would hand a new server an old one's state.
/// </summary>
public static class LoopbackPorts
{
    private static readonly HashSet<int> HandedOut = [];

    public static int Next()
    {
        while (true)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            lock (HandedOut)
            {
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
