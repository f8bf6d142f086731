using System.Net;
using System.Net.Sockets;

namespace CoProduce.Testing.Processes;

/// <summary>
/// A loopback TCP port nobody listens on right now, for a server a test starts a moment later. It is chosen below the
/// kernel's ephemeral range: a port the kernel hands out (bind to 0) is free again once released, and the kernel may
/// give it next to any outgoing connection (a database client, an HTTP client) of any process before the server
/// binds, which under two test lanes at once it did. Below that range only another test's choice can collide, and
/// choices are random.
/// </summary>
public static class FreePort
{
    private const int Lowest = 10000;

    private static readonly int Highest = EphemeralStart() - 1;

    public static int Next() => Next(except: 0);

    /// <summary>Two different free ports (a silo's and its client gateway's).</summary>
    public static (int First, int Second) Two()
    {
        var first = Next();
        return (first, Next(except: first));
    }

    private static int Next(int except)
    {
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var port = Random.Shared.Next(Lowest, Highest + 1);
            if (port != except && IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port between {Lowest} and {Highest} after 1000 tries.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The first port of the kernel's ephemeral range (Linux), 32768 where it cannot be read.</summary>
    private static int EphemeralStart()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        return File.Exists(range)
            && File.ReadAllText(range).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) is [var low, ..]
            && int.TryParse(low, System.Globalization.CultureInfo.InvariantCulture, out var start) && start > Lowest + 1000
                ? start
                : 32768;
    }
}
