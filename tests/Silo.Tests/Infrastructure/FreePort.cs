using System.Net;
using System.Net.Sockets;

namespace OrleansBots.Silo.Tests.Infrastructure;

public static class FreePort
{
    /// <summary>A loopback port that was free a moment ago; the OS does not hand it out again soon.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
