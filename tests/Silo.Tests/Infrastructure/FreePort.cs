using System.Net;
using System.Net.Sockets;

namespace OrleansBots.Silo.Tests.Infrastructure;

public static class FreePort
{
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>
    /// A loopback port that was free a moment ago and that this test process has not handed out before:
    /// Linux may return a just-released port again at once, so a silo could get one port twice.
    /// </summary>
    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
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
