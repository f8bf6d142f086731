using CoProduce.Grains.Exports;
using CoProduce.Testing;

namespace CoProduce.Gateway.Tests.Exports;

/// <summary>The one CSV writer of every export: RFC 4180 quoting, and no text cell a spreadsheet would run as a formula.</summary>
public sealed class CsvWriterTests
{
    [Theory]
    [InlineData("a,b")]
    [InlineData("say \"hello\"")]
    [InlineData("two\r\nlines")]
    [InlineData("line\nbreak")]
    [InlineData("Ünïcødé, ☕")]
    [InlineData("")]
    public void TextWithCommasQuotesAndLineBreaksReadsBackAsOneCell(string value)
    {
        var text = new CsvWriter().Row("before", value, "after").ToString();

        var row = Assert.Single(CsvText.Parse(text));
        Assert.Equal(["before", value, "after"], row);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"https://evil.example\",\"pay\")")]
    [InlineData("+1+1")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A9)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    [InlineData("＝1+1")]
    public void TextStartingLikeAFormulaIsPrefixedWithAnApostrophe(string value)
    {
        var text = new CsvWriter().Row(value, "x").ToString();

        var row = Assert.Single(CsvText.Parse(text));
        Assert.Equal("'" + value, row[0]);
        Assert.Equal("x", row[1]);
    }

    [Fact]
    public void NumbersKeepTheirSignAndAreNeverNeutralised()
    {
        var text = new CsvWriter().Row(CsvCell.Number(-12.5m, "0.00"), CsvCell.Number(-3), CsvCell.Number(1234.5m), "-12.50").ToString();

        var row = Assert.Single(CsvText.Parse(text));
        Assert.Equal(["-12.50", "-3", "1234.5", "'-12.50"], row);
    }

    [Fact]
    public void RowsEndInCrLfAndNullTextIsAnEmptyCell()
    {
        var text = new CsvWriter().Row("a", null, "c").Row(["d", "e", "f"]).ToString();

        Assert.Equal("a,,c\r\nd,e,f\r\n", text);
    }

    [Fact]
    public void AFormulaHiddenAfterACommaStaysInsideItsCell()
    {
        var text = new CsvWriter().Row("charity: a,=HYPERLINK(\"https://evil.example\")", "next").ToString();

        var row = Assert.Single(CsvText.Parse(text));
        Assert.Equal(2, row.Length);
        Assert.Equal("charity: a,=HYPERLINK(\"https://evil.example\")", row[0]);
        Assert.DoesNotContain(row, cell => cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@');
    }
}
