using System.Data.Common;
using System.Net.Sockets;
using Npgsql;

namespace CoProduce.Runtime.Storage;

/// <summary>Tells a database that is unreachable or restarting (worth retrying) from a bug.</summary>
public static class StorageFailures
{
    /// <summary>
    /// True when <paramref name="exception"/>, or one it wraps, says the database could not be reached or
    /// is shutting down or starting up: a retry later can succeed, and nothing was decided.
    /// </summary>
    public static bool IsTransient(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // Administrator or crash shutdown, or not accepting connections yet (57P01-57P03),
                // and lost connections (class 08).
                case PostgresException postgres when postgres.SqlState.StartsWith("57P", StringComparison.Ordinal)
                    || postgres.SqlState.StartsWith("08", StringComparison.Ordinal):
                case DbException { IsTransient: true }:
                case SocketException:
                case EndOfStreamException:
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }
}
