using System.Net;
using System.Net.Sockets;

namespace OrleansBots.Benchmarks;

/// <summary>Free TCP ports on loopback for the servers and silos a benchmark starts.</summary>
public static class LoopbackPort
{
    /// <summary>A port free right now (the OS picks it; a listener holds it only for the question).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
