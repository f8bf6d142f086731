using System.Data;
using System.Data.Common;

namespace CoProduce.OrleansStorage.Tests.Contract;

/// <summary>Runs a stored Orleans query the way the providers do: parameters named without a prefix, every result set read.</summary>
internal static class Sql
{
    public static async Task<string> QueryTextAsync(DbConnection connection, string key)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT QueryText FROM OrleansQuery WHERE QueryKey = @key";
        Add(command, "key", key, DbType.String);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<List<object?[]>> RunAsync(DbConnection connection, string key, Action<DbCommand> parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = await QueryTextAsync(connection, key);
        parameters(command);
        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync())
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                rows.Add([.. values.Select(value => value is DBNull ? null : value)]);
            }
        }
        while (await reader.NextResultAsync());
        return rows;
    }

    public static void Add(DbCommand command, string name, object? value, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
    }
}
