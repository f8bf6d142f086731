using CoProduce.Gateway.Auth;
using Npgsql;

namespace CoProduce.LoadBench.Baseline;

/// <summary>
/// The conventional way to take a dot vote, for comparison: no grains, and per request the rows are
/// loaded, checked, changed and saved in one transaction (participant, ranking settings, items, dots).
/// </summary>
public static class BaselineDots
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS bench_participants (project_id uuid, person_id uuid, role text NOT NULL, PRIMARY KEY (project_id, person_id));
        CREATE TABLE IF NOT EXISTS bench_rankings (project_id uuid PRIMARY KEY, dots_per_person int NOT NULL, open boolean NOT NULL);
        CREATE TABLE IF NOT EXISTS bench_items (project_id uuid, item_id uuid, withdrawn boolean NOT NULL, PRIMARY KEY (project_id, item_id));
        CREATE TABLE IF NOT EXISTS bench_dots (project_id uuid, person_id uuid, item_id uuid, count int NOT NULL, PRIMARY KEY (project_id, person_id, item_id));
        """;

    public static IEndpointRouteBuilder MapBaselineDots(this IEndpointRouteBuilder app, NpgsqlDataSource database)
    {
        app.MapPut("/bench/baseline/projects/{projectId:guid}/dots", async (Guid projectId, PlaceDotsRequest request, HttpContext context) =>
        {
            var person = context.User.PersonId();
            await using var connection = await database.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            var role = await Scalar<string>(connection, "SELECT role FROM bench_participants WHERE project_id = @p AND person_id = @u", projectId, person);
            if (role is null)
            {
                return Results.Problem(statusCode: 404, title: "Not found.");
            }

            if (role == "Observer")
            {
                return Results.Problem(statusCode: 403, title: "Observers watch.");
            }

            await using (var ranking = new NpgsqlCommand("SELECT dots_per_person, open FROM bench_rankings WHERE project_id = @p FOR SHARE", connection, transaction))
            {
                ranking.Parameters.AddWithValue("p", projectId);
                await using var reader = await ranking.ExecuteReaderAsync();
                if (!await reader.ReadAsync() || !reader.GetBoolean(1) || request.Dots.Values.Sum() > reader.GetInt32(0) || request.Dots.Values.Any(v => v < 0))
                {
                    return Results.Problem(statusCode: 400, title: "Dots do not fit the ranking.");
                }
            }

            await using (var items = new NpgsqlCommand("SELECT count(*) FROM bench_items WHERE project_id = @p AND item_id = ANY(@ids) AND NOT withdrawn", connection, transaction))
            {
                items.Parameters.AddWithValue("p", projectId);
                items.Parameters.AddWithValue("ids", request.Dots.Keys.ToArray());
                if ((long)(await items.ExecuteScalarAsync())! != request.Dots.Count)
                {
                    return Results.Problem(statusCode: 400, title: "Unknown item.");
                }
            }

            await using (var clear = new NpgsqlCommand("DELETE FROM bench_dots WHERE project_id = @p AND person_id = @u", connection, transaction))
            {
                clear.Parameters.AddWithValue("p", projectId);
                clear.Parameters.AddWithValue("u", person);
                await clear.ExecuteNonQueryAsync();
            }

            foreach (var (item, count) in request.Dots.Where(d => d.Value > 0))
            {
                await using var insert = new NpgsqlCommand("INSERT INTO bench_dots VALUES (@p, @u, @i, @c)", connection, transaction);
                insert.Parameters.AddWithValue("p", projectId);
                insert.Parameters.AddWithValue("u", person);
                insert.Parameters.AddWithValue("i", item);
                insert.Parameters.AddWithValue("c", count);
                await insert.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
            return Results.Ok(new { dots = request.Dots });

            async Task<T?> Scalar<T>(NpgsqlConnection c, string sql, Guid p, Guid u)
            {
                await using var command = new NpgsqlCommand(sql, c, transaction);
                command.Parameters.AddWithValue("p", p);
                command.Parameters.AddWithValue("u", u);
                return (T?)await command.ExecuteScalarAsync();
            }
        }).RequireAuthorization();
        return app;
    }

    /// <summary>Sets up one project with participants and items for the baseline.</summary>
    public static async Task SeedAsync(NpgsqlDataSource database, Guid projectId, IEnumerable<Guid> participants, IEnumerable<Guid> items, int dotsPerPerson)
    {
        await using var schema = database.CreateCommand(Schema);
        await schema.ExecuteNonQueryAsync();
        await using var batch = database.CreateBatch();
        batch.BatchCommands.Add(Command("INSERT INTO bench_rankings VALUES (@p, @d, true)", ("p", projectId), ("d", dotsPerPerson)));
        foreach (var person in participants)
        {
            batch.BatchCommands.Add(Command("INSERT INTO bench_participants VALUES (@p, @u, 'Contributor')", ("p", projectId), ("u", person)));
        }

        foreach (var item in items)
        {
            batch.BatchCommands.Add(Command("INSERT INTO bench_items VALUES (@p, @i, false)", ("p", projectId), ("i", item)));
        }

        await batch.ExecuteNonQueryAsync();
    }

    private static NpgsqlBatchCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}

/// <summary>The caller's dots: item id to count.</summary>
public sealed record PlaceDotsRequest(IReadOnlyDictionary<Guid, int> Dots);
