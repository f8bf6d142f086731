using System.Data.Common;
using System.Net.Sockets;
using Npgsql;

namespace CoProduce.Journal.Storage;

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
                // Already classified on the silo that saw the database exception.
                case StorageUnavailableException { CannotWrite: false }:
                // Administrator or crash shutdown, or not accepting connections yet (57P01-57P03),
                // and lost connections (class 08). One that crossed from another silo may have lost its state code.
                case PostgresException postgres when StateOf(postgres) is { } state
                    && (state.StartsWith("57P", StringComparison.Ordinal) || state.StartsWith("08", StringComparison.Ordinal)):
                case DbException { IsTransient: true }:
                case SocketException:
                case EndOfStreamException:
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="exception"/>, or one it wraps, says the storage cannot take writes: the disk
    /// or volume is full, the database or its file is read-only (a standby after fail-over, a volume mounted
    /// read-only), or the disk fails. Nothing was written; the same request can succeed once an operator acts.
    /// </summary>
    public static bool IsFullOrReadOnly(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case StorageUnavailableException { CannotWrite: true }:
                // SQLITE_READONLY (8), SQLITE_IOERR (10), SQLITE_FULL (13), SQLITE_CANTOPEN (14), with any extended code.
                case Microsoft.Data.Sqlite.SqliteException sqlite when (sqlite.SqliteErrorCode & 0xFF) is 8 or 10 or 13 or 14:
                // read_only_sql_transaction, insufficient resources (disk_full 53100 among them), io_error.
                case PostgresException postgres when StateOf(postgres) is { } state
                    && (state == "25006" || state.StartsWith("53", StringComparison.Ordinal) || state == "58030"):
                // ENOSPC (28), EROFS (30), EDQUOT (122) on Unix; ERROR_HANDLE_DISK_FULL and ERROR_DISK_FULL on Windows.
                case IOException io when (io.HResult & 0xFFFF) is 28 or 30 or 122 or 39 or 112:
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A database fault as the exception that crosses silos intact and is classified as before (database exceptions
    /// lose their own fields on the way); null for an exception that is not a storage fault, or is already this one.
    /// </summary>
    public static StorageUnavailableException? AsUnavailable(Exception exception) => exception switch
    {
        StorageUnavailableException => null,
        _ when IsFullOrReadOnly(exception) => new($"Storage cannot take changes just now ({exception.GetType().Name}: {exception.Message}).", cannotWrite: true),
        _ when IsTransient(exception) => new($"The database cannot be reached just now ({exception.GetType().Name}: {exception.Message}).", cannotWrite: false),
        _ => null,
    };

    /// <summary>
    /// The error's SQLSTATE. One that crossed from another silo has lost Npgsql's own fields (its <c>SqlState</c> is
    /// null although declared otherwise) but kept its message, which begins with the code ("57P01: terminating ...").
    /// </summary>
    private static string? StateOf(PostgresException postgres)
    {
        if ((string?)postgres.SqlState is { } state)
        {
            return state;
        }

        var message = postgres.Message;
        return message.Length > 6 && message[5] == ':' && message[..5].All(char.IsAsciiLetterOrDigit) ? message[..5] : null;
    }
}
