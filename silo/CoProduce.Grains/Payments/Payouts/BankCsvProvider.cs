using System.Text;
using CoProduce.Grains.Exports;
using CoProduce.Grains.Payments.Storage;
using CoProduce.Grains.Common.Files;

namespace CoProduce.Grains.Payments.Payouts;

/// <summary>
/// The first provider: a bank bulk-payment file per run, as CSV, for finance staff to upload to their bank. Payees
/// are named by reference (the person's or the charity's), never by bank details, which the platform does not keep.
/// The file is written to a temporary name, flushed to disk and renamed into place: the instruction is handed over
/// only when the rename has succeeded, a half-written file is never seen, and a retried run replaces its file
/// (same name, same rows) rather than adding a second one. A temporary file that a failed attempt left behind (the
/// process killed between writing and renaming) is removed by the next attempt that succeeds, of any run; one that
/// another attempt may still be writing is never touched (see <see cref="SweepLeftovers"/>).
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

            // FileShare.None takes an exclusive lock (flock on Unix), held until the file is in place, so a sweep by
            // another attempt sees that this file is being written and leaves it alone.
            var file = new FileStream(temporary, create);
            try
            {
                await file.WriteAsync(Encoding.UTF8.GetBytes(Write(instructions)), cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
                await faults.AtAsync(PayoutStep.FileWritten, run.Id, cancellationToken);
                if (OperatingSystem.IsWindows())
                {
                    // Windows cannot rename a file that is open; elsewhere the lock is kept through the rename.
                    await file.DisposeAsync();
                }

                File.Move(temporary, path, overwrite: true);
            }
            finally
            {
                await file.DisposeAsync();
            }
        }
        finally
        {
            TryDelete(temporary);
        }

        SweepLeftovers(directory, TimeProvider.System.GetUtcNow());
        return Path.GetFileName(path);
    }

    /// <summary>A temporary file is stale once it has not been written for this long (and nobody holds its lock).</summary>
    public static readonly TimeSpan LeftoverAge = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Removes temporary bank files that failed attempts left behind. A file is removed only when it is older than
    /// <see cref="LeftoverAge"/> and its lock can be taken: an attempt writing it holds the lock until the file is renamed,
    /// and the age covers a writer on another node whose lock this node cannot see (a shared volume).
    /// </summary>
    public static void SweepLeftovers(string directory, DateTimeOffset now)
    {
        foreach (var leftover in Directory.EnumerateFiles(directory, "payout-*.csv.*.tmp"))
        {
            try
            {
                if (now - File.GetLastWriteTimeUtc(leftover) < LeftoverAge)
                {
                    continue;
                }

                using var held = new FileStream(leftover, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                File.Delete(leftover);
            }
            catch (IOException)
            {
                // Being written (its lock is held), or gone already: not ours to remove.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
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
