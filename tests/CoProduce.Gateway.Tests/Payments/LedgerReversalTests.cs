using System.Net;

namespace CoProduce.Gateway.Tests.Payments;

/// <summary>A reversal answers with the reversal it wrote, whatever else the payer's ledger gains at the same moment.</summary>
public abstract class LedgerReversalTests(GatewayDatabase database)
{
    [Fact]
    public async Task AReversalAnswersWithItselfEvenWhenANewerRowLandsRightAfterIt()
    {
        var app = database.SharedWith(ClaimsApiTests.Settings());
        var world = await PaymentsWorld.CreateAsync(app);
        var people = world.People;
        await world.Choose(people.Contributor, "Accept");
        var id = PaymentsWorld.Id(await world.Claim(people.Contributor, PaymentsWorld.Meeting(1, travel: 5.00m)));
        await world.Approve(id);
        var finance = app.CreateClient(people.Finance);
        var ledger = await (await finance.GetAsync($"{world.PayerUrl}/ledger").Expect(HttpStatusCode.OK)).Json();
        var accrual = ledger.GetProperty("items").EnumerateArray().First(e => e.GetProperty("kind").GetString() == "Accrual");
        var entry = accrual.GetProperty("id").GetInt64();

        // Another writer (a payout run, say) appends a row of the same payer as soon as the reversal is in.
        await Execute(world, database.Provider == "PostgreSql" ? PostgresStandIn : SqliteStandIn);
        var reversal = await (await finance.PostJson($"{world.PayerUrl}/ledger/{entry}/reverse", new { reason = "Entered twice" }).Expect(HttpStatusCode.OK)).Json();

        Assert.Equal("Reversal", reversal.GetProperty("kind").GetString());
        Assert.Equal(entry, reversal.GetProperty("reverses").GetInt64());
        Assert.Equal(accrual.GetProperty("debitAccount").GetString(), reversal.GetProperty("creditAccount").GetString());
        Assert.Equal("Entered twice", reversal.GetProperty("memo").GetString());
        Assert.Equal(1, await world.LedgerCount("idempotency_key LIKE 'stand-in:%'"));
    }

    private static async Task Execute(PaymentsWorld world, params string[] statements)
    {
        await using var connection = await world.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
    }

    private const string StandInValues = """
        VALUES ('stand-in:' || NEW.entry_id, 'Accrual', NEW.payer_kind, NEW.payer_id, 'costs:stand-in', 'owed:stand-in', 1, NEW.currency, NEW.recorded_ms)
        """;

    private const string StandInColumns = "(idempotency_key, kind, payer_kind, payer_id, debit_account, credit_account, amount_minor, currency, recorded_ms)";

    private static readonly string[] SqliteStandIn =
    [
        $"""
        CREATE TRIGGER test_stand_in AFTER INSERT ON cp_pay_ledger WHEN NEW.kind = 'Reversal'
        BEGIN INSERT INTO cp_pay_ledger {StandInColumns} {StandInValues}; END
        """,
    ];

    private static readonly string[] PostgresStandIn =
    [
        $"""
        CREATE FUNCTION test_stand_in() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO cp_pay_ledger {StandInColumns} {StandInValues};
            RETURN NULL;
        END
        $$
        """,
        "CREATE TRIGGER test_stand_in AFTER INSERT ON cp_pay_ledger FOR EACH ROW WHEN (NEW.kind = 'Reversal') EXECUTE FUNCTION test_stand_in()",
    ];
}

public sealed class SqliteLedgerReversalTests(SqliteGateway database) : LedgerReversalTests(database), IClassFixture<SqliteGateway>;

public sealed class PostgresLedgerReversalTests(PostgresGateway database) : LedgerReversalTests(database), IClassFixture<PostgresGateway>;
