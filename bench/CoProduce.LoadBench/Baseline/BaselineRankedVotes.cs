using CoProduce.Gateway.Auth;
using Npgsql;

namespace CoProduce.LoadBench.Baseline;

/// <summary>
/// The conventional way to take a ranked-choice vote, for comparison: no grains; per request, in one
/// transaction, the caller's role, the decision (open, in time), the ranked options and the caller's lived
/// experience are read, the ballot row is upserted and the vote appended to a journal table: the same
/// checks and records as the decision grain, with row-level transactions instead of group commit.
/// </summary>
public static class BaselineRankedVotes
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS bench_participants (project_id uuid, person_id uuid, role text NOT NULL, PRIMARY KEY (project_id, person_id));
        CREATE TABLE IF NOT EXISTS bench_people (person_id uuid PRIMARY KEY, lived_experience boolean NOT NULL);
        CREATE TABLE IF NOT EXISTS bench_decisions (decision_id uuid PRIMARY KEY, project_id uuid NOT NULL, method text NOT NULL, status text NOT NULL, opens_at timestamptz NOT NULL, closes_at timestamptz NOT NULL);
        CREATE TABLE IF NOT EXISTS bench_options (decision_id uuid, option_id uuid, PRIMARY KEY (decision_id, option_id));
        CREATE TABLE IF NOT EXISTS bench_ballots (decision_id uuid, person_id uuid, ranking uuid[] NOT NULL, lived_experience boolean NOT NULL, cast_at timestamptz NOT NULL, PRIMARY KEY (decision_id, person_id));
        CREATE TABLE IF NOT EXISTS bench_vote_journal (id bigserial PRIMARY KEY, decision_id uuid NOT NULL, person_id uuid NOT NULL, ranking uuid[] NOT NULL, cast_at timestamptz NOT NULL);
        """;

    public static IEndpointRouteBuilder MapBaselineRankedVotes(this IEndpointRouteBuilder app, NpgsqlDataSource database)
    {
        app.MapPut("/bench/baseline/projects/{projectId:guid}/decisions/{decisionId:guid}/ballot", async (Guid projectId, Guid decisionId, RankedBallotRequest request, HttpContext context) =>
        {
            var person = context.User.PersonId();
            var ranking = request.Ranking.ToArray();
            if (ranking.Length == 0 || ranking.Distinct().Count() != ranking.Length)
            {
                return Results.Problem(statusCode: 400, title: "A ranking names each option at most once.");
            }

            await using var connection = await database.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            var role = (string?)await Scalar(connection, transaction, "SELECT role FROM bench_participants WHERE project_id = @p AND person_id = @u", ("p", projectId), ("u", person));
            if (role is null)
            {
                return Results.Problem(statusCode: 404, title: "Not found.");
            }

            if (role == "Observer")
            {
                return Results.Problem(statusCode: 403, title: "Observers watch.");
            }

            var now = DateTimeOffset.UtcNow;
            await using (var decision = new NpgsqlCommand(
                "SELECT method, status, opens_at, closes_at FROM bench_decisions WHERE decision_id = @d AND project_id = @p FOR SHARE", connection, transaction))
            {
                decision.Parameters.AddWithValue("d", decisionId);
                decision.Parameters.AddWithValue("p", projectId);
                await using var reader = await decision.ExecuteReaderAsync();
                if (!await reader.ReadAsync())
                {
                    return Results.Problem(statusCode: 404, title: "Not found.");
                }

                if (reader.GetString(0) != "RankedChoice" || reader.GetString(1) != "Open"
                    || now < reader.GetFieldValue<DateTimeOffset>(2) || now >= reader.GetFieldValue<DateTimeOffset>(3))
                {
                    return Results.Problem(statusCode: 409, title: "Voting is closed.");
                }
            }

            var known = (long)(await Scalar(connection, transaction, "SELECT count(*) FROM bench_options WHERE decision_id = @d AND option_id = ANY(@o)", ("d", decisionId), ("o", ranking)))!;
            if (known != ranking.Length)
            {
                return Results.Problem(statusCode: 400, title: "Unknown option.");
            }

            var lived = (bool?)await Scalar(connection, transaction, "SELECT lived_experience FROM bench_people WHERE person_id = @u", ("u", person)) ?? false;
            await using (var upsert = new NpgsqlCommand(
                """
                INSERT INTO bench_ballots VALUES (@d, @u, @r, @l, @t)
                ON CONFLICT (decision_id, person_id) DO UPDATE SET ranking = excluded.ranking, lived_experience = excluded.lived_experience, cast_at = excluded.cast_at;
                INSERT INTO bench_vote_journal (decision_id, person_id, ranking, cast_at) VALUES (@d, @u, @r, @t);
                """, connection, transaction))
            {
                upsert.Parameters.AddWithValue("d", decisionId);
                upsert.Parameters.AddWithValue("u", person);
                upsert.Parameters.AddWithValue("r", ranking);
                upsert.Parameters.AddWithValue("l", lived);
                upsert.Parameters.AddWithValue("t", now);
                await upsert.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
            return Results.Ok(new { voted = true, ranking, castAt = now });
        }).RequireAuthorization();
        return app;
    }

    /// <summary>The same voters, decision and options as the grains' scenario, in the baseline's tables.</summary>
    public static async Task SeedAsync(NpgsqlDataSource database, Guid projectId, Guid decisionId, IReadOnlyList<Guid> voters, IEnumerable<Guid> options, Func<int, bool> livedExperience)
    {
        await using var schema = database.CreateCommand(Schema);
        await schema.ExecuteNonQueryAsync();
        await using var batch = database.CreateBatch();
        batch.BatchCommands.Add(Command(
            "INSERT INTO bench_decisions VALUES (@d, @p, 'RankedChoice', 'Open', now() - interval '1 minute', now() + interval '1 day')", ("d", decisionId), ("p", projectId)));
        foreach (var option in options)
        {
            batch.BatchCommands.Add(Command("INSERT INTO bench_options VALUES (@d, @o)", ("d", decisionId), ("o", option)));
        }

        for (var i = 0; i < voters.Count; i++)
        {
            batch.BatchCommands.Add(Command("INSERT INTO bench_participants VALUES (@p, @u, 'Contributor') ON CONFLICT DO NOTHING", ("p", projectId), ("u", voters[i])));
            batch.BatchCommands.Add(Command("INSERT INTO bench_people VALUES (@u, @l) ON CONFLICT DO NOTHING", ("u", voters[i]), ("l", livedExperience(i))));
        }

        await batch.ExecuteNonQueryAsync();
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var result = await command.ExecuteScalarAsync();
        return result is DBNull ? null : result;
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

/// <summary>The caller's ranking: option ids, first choice first.</summary>
public sealed record RankedBallotRequest(IReadOnlyList<Guid> Ranking);
