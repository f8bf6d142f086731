using System.Data.Common;

namespace CoProduce.Journal.Storage;

/// <summary>Provider-neutral parameter binding; both Npgsql and Microsoft.Data.Sqlite accept @name.</summary>
internal static class DbCommandExtensions
{
    public static void AddParameter(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }

    public static DbCommand CreateCommand(this DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        // Microsoft.Data.Sqlite refuses a command without the pending transaction; Npgsql ignores it.
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
