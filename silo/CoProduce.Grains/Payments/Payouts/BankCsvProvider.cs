using System.Text;
using CoProduce.Grains.Exports;
using CoProduce.Grains.Payments.Storage;
using CoProduce.Runtime.Hosting;

namespace CoProduce.Grains.Payments.Payouts;

/// <summary>
/// The first provider: a bank bulk-payment file per run, as CSV, for finance staff to upload to their bank. Payees
/// are named by reference (the person's or the charity's), never by bank details, which the platform does not keep.
/// The file is written to a temporary name, flushed to disk and renamed into place: the instruction is handed over
/// only when the rename has succeeded, a half-written file is never seen, and a retried run replaces its file
/// (same name, same rows) rather than adding a second one.
/// </summary>
public sealed class BankCsvProvider(PaymentsOptions options, IPayoutFaults faults) : IPaymentProvider
{
    public const string Header = "entry_id,claim_id,payer,payee_type,payee_reference,line,amount,currency,reference";

    public string Name => "bank-csv";

    public async Task<string> SubmitAsync(PayoutRunView run, IReadOnlyList<PayoutInstruction> instructions, CancellationToken cancellationToken)
    {
        await faults.AtAsync(PayoutStep.Provider, run.Id, cancellationToken);
        var directory = Path.GetFullPath(options.ExportDirectory);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName(run.Id));

        // A name of its own per attempt: two attempts of one run (a recovered node and a retry) never share one.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            // Bank files name payees and amounts: readable by the service's user only (0600).
            var create = new FileStreamOptions
            {
                Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 64 * 1024,
                Options = FileOptions.Asynchronous,
            };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = OwnerOnlyFile.Mode;
            }

            await using (var file = new FileStream(temporary, create))
            {
                await file.WriteAsync(Encoding.UTF8.GetBytes(Write(instructions)), cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            await faults.AtAsync(PayoutStep.FileWritten, run.Id, cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            TryDelete(temporary);
        }

        return Path.GetFileName(path);
    }

    /// <summary>The bank file of a run.</summary>
    public static string FileName(Guid runId) => $"payout-{runId:D}.csv";

    /// <summary>The file's text: one row per payout row of the run, by the one <see cref="CsvWriter"/>.</summary>
    public static string Write(IReadOnlyList<PayoutInstruction> instructions)
    {
        var csv = new CsvWriter().Row(Header.Split(','));
        foreach (var i in instructions)
        {
            var (type, reference) = i.PayeeAccount.Split(':') switch
            {
                [_, _, _, "charity-for", var person] => ("charity", i.Charity ?? $"for {person}"),
                [_, _, _, "vouchers", var person] => ("vouchers", person),
                [_, _, _, _, var person] => ("person", person),
                _ => ("person", i.PersonId.ToString("D")),
            };
            csv.Row(
                CsvCell.Number(i.EntryId), i.ClaimId.ToString("D"), i.Payer.Key, type, reference, i.Line,
                CsvCell.Number(Money.FromMinor(i.AmountMinor), "0.00"), i.Currency, $"CoProduce {i.ClaimId.ToString("N")[..12]}");
        }

        return csv.ToString();
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left behind: a *.tmp file is never read as a bank file.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
