using System.Globalization;
using System.Text;
using CoProduce.Grains.Payments.Storage;
using CoProduce.Runtime.Hosting;

namespace CoProduce.Grains.Payments.Payouts;

/// <summary>
/// The first provider: a bank bulk-payment file per run, as CSV, for finance staff to upload to their bank. Payees
/// are named by reference (the person's or the charity's), never by bank details, which the platform does not keep.
/// The file is written to a temporary name and moved into place, so a half-written file is never seen, and a
/// resumed run replaces its file rather than adding a second one.
/// </summary>
public sealed class BankCsvProvider(PaymentsOptions options) : IPaymentProvider
{
    public const string Header = "entry_id,claim_id,payer,payee_type,payee_reference,line,amount,currency,reference";

    public string Name => "bank-csv";

    public async Task<string> SubmitAsync(PayoutRunView run, IReadOnlyList<PayoutInstruction> instructions, CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(options.ExportDirectory);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"payout-{run.Id:D}.csv");
        var temporary = path + ".tmp";
        var text = new StringBuilder().Append(Header).Append('\n');
        foreach (var i in instructions)
        {
            var (type, reference) = i.PayeeAccount.Split(':') switch
            {
                [_, _, _, "charity-for", var person] => ("charity", i.Charity ?? $"for {person}"),
                [_, _, _, "vouchers", var person] => ("vouchers", person),
                [_, _, _, _, var person] => ("person", person),
                _ => ("person", i.PersonId.ToString("D")),
            };
            text.Append(i.EntryId.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(i.ClaimId.ToString("D")).Append(',')
                .Append(i.Payer.Key).Append(',')
                .Append(type).Append(',')
                .Append(Csv.Field(reference)).Append(',')
                .Append(i.Line).Append(',')
                .Append(Money.FromMinor(i.AmountMinor).ToString("0.00", CultureInfo.InvariantCulture)).Append(',')
                .Append(i.Currency).Append(',')
                .Append("CoProduce ").Append(i.ClaimId.ToString("N")[..12]).Append('\n');
        }

        await OwnerOnlyFile.WriteAllTextAsync(temporary, text.ToString(), cancellationToken);
        File.Move(temporary, path, overwrite: true);
        return Path.GetFileName(path);
    }
}

/// <summary>CSV quoting: fields with commas, quotes or line breaks are quoted; a leading formula character is neutralised.</summary>
public static class Csv
{
    public static string Field(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@')
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }
}
