using System.Data.Common;
using System.Globalization;
using CoProduce.Grains.Common;

namespace CoProduce.Grains.Payments.Storage;

public sealed partial class PaymentStore
{
    /// <summary>
    /// Approves a submitted claim, or holds it with a warning when its fee would take the person's fees for its pay
    /// week (summed across every payer) over <paramref name="limit"/>. Runs under the person's lock, so two
    /// approvals for one person (from any payers, on any nodes) never both pass the check. A claim that is no longer
    /// submitted (another approver was first) is a conflict: exactly one approval wins.
    /// </summary>
    public async Task<ClaimRow> ApproveAsync(Guid claimId, Guid personId, Guid approver, WeeklyLimit? limit, long nowMs, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginLockedAsync(connection, PersonLock(personId), cancellationToken);
        var claim = await GetClaimAsync(connection, transaction, claimId, cancellationToken) ?? throw DomainException.NotFound("The claim");
        if (claim.Status != ClaimStatus.Submitted)
        {
            throw DomainException.Conflict(claim.Status == ClaimStatus.AwaitingChoice
                ? "The contributor has not yet said what they want done with fees from this payer; the claim waits for their choice."
                : $"The claim is already {claim.Status}; it was decided by someone else first.");
        }

        var warning = await CheckLimitAsync(connection, transaction, claim, claim.PayWeek, limit, cancellationToken);
        var next = claim with
        {
            Status = warning is null ? ClaimStatus.Approved : ClaimStatus.HeldAtLimit,
            DecidedBy = approver,
            DecidedMs = nowMs,
            Warning = warning,
        };
        await SaveDecisionAsync(connection, transaction, claim, next, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return next;
    }

    /// <summary>Rejects a claim still waiting for a decision; a conflict when it was decided first.</summary>
    public async Task<ClaimRow> RejectAsync(Guid claimId, Guid personId, Guid by, string reason, long nowMs, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginLockedAsync(connection, PersonLock(personId), cancellationToken);
        var claim = await GetClaimAsync(connection, transaction, claimId, cancellationToken) ?? throw DomainException.NotFound("The claim");
        if (claim.Status is not (ClaimStatus.Submitted or ClaimStatus.AwaitingChoice))
        {
            throw DomainException.Conflict($"The claim is already {claim.Status}; it was decided by someone else first.");
        }

        var next = claim with { Status = ClaimStatus.Rejected, DecidedBy = by, DecidedMs = nowMs, RejectionReason = reason };
        await SaveDecisionAsync(connection, transaction, claim, next, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return next;
    }

    /// <summary>The contributor's decision on a claim held at their limit; see <see cref="LimitAction"/>.</summary>
    public async Task<ClaimRow> DecideAtLimitAsync(
        Guid claimId, Guid personId, LimitAction action, DateOnly? payWeek, string? charity, WeeklyLimit? limit, long nowMs, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginLockedAsync(connection, PersonLock(personId), cancellationToken);
        var claim = await GetClaimAsync(connection, transaction, claimId, cancellationToken) ?? throw DomainException.NotFound("The claim");
        if (claim.Status != ClaimStatus.HeldAtLimit)
        {
            throw DomainException.Conflict($"The claim is {claim.Status}, not held at your weekly limit.");
        }

        var approved = claim with { Status = ClaimStatus.Approved, Warning = null };
        ClaimRow next;
        switch (action)
        {
            case LimitAction.Confirm:
                next = approved with { LimitConfirmed = true };
                break;
            case LimitAction.Decline:
                next = approved with { FeeDueMinor = 0, FeePayee = FeePayee.None, Charity = null };
                break;
            case LimitAction.Donate:
                next = approved with { FeePayee = FeePayee.Charity, Charity = charity };
                break;
            case LimitAction.Reduce:
                var room = await RoomAsync(connection, transaction, claim, claim.PayWeek, limit, cancellationToken);
                if (room <= 0)
                {
                    throw DomainException.Conflict("Nothing more fits under your limit in that week: defer, decline, donate or confirm instead.");
                }

                next = approved with { FeeDueMinor = Math.Min(room, claim.FeeDueMinor) };
                break;
            case LimitAction.Defer:
                var week = payWeek ?? throw DomainException.Invalid("payWeek", "Say which later week to be paid in (payWeek).");
                if (week <= claim.PayWeek)
                {
                    throw DomainException.Invalid("payWeek", "payWeek must be a later week than the one the claim is held in.");
                }

                var warning = await CheckLimitAsync(connection, transaction, claim, week, limit, cancellationToken);
                next = warning is null ? approved with { PayWeek = week } : claim with { PayWeek = week, Warning = warning };
                break;
            default:
                throw DomainException.Invalid("action", "action must be Defer, Reduce, Decline, Donate or Confirm.");
        }

        await SaveDecisionAsync(connection, transaction, claim, next with { Version = claim.Version }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return next;
    }

    private static async Task<LimitWarning?> CheckLimitAsync(
        DbConnection connection, DbTransaction transaction, ClaimRow claim, DateOnly week, WeeklyLimit? limit, CancellationToken cancellationToken)
    {
        if (limit is null || limit.Currency != claim.Currency || claim.CountedFeeMinor == 0 || claim.LimitConfirmed)
        {
            return null;
        }

        var limitMinor = Money.ToMinor(limit.Amount);
        var counted = await CountedAsync(connection, transaction, claim, week, cancellationToken);
        if (counted + claim.CountedFeeMinor <= limitMinor)
        {
            return null;
        }

        var room = Math.Max(0, limitMinor - counted);
        LimitAction[] options = room > 0
            ? [LimitAction.Defer, LimitAction.Reduce, LimitAction.Decline, LimitAction.Donate, LimitAction.Confirm]
            : [LimitAction.Defer, LimitAction.Decline, LimitAction.Donate, LimitAction.Confirm];
        return new LimitWarning(week, limit.Amount, Money.FromMinor(counted), Money.FromMinor(claim.CountedFeeMinor), Money.FromMinor(room), options);
    }

    private static async Task<long> RoomAsync(
        DbConnection connection, DbTransaction transaction, ClaimRow claim, DateOnly week, WeeklyLimit? limit, CancellationToken cancellationToken)
    {
        if (limit is null || limit.Currency != claim.Currency)
        {
            return claim.FeeDueMinor;
        }

        return Money.ToMinor(limit.Amount) - await CountedAsync(connection, transaction, claim, week, cancellationToken);
    }

    /// <summary>Fees of the person in the week that count toward a limit: approved (paid or not), from every payer.</summary>
    private static async Task<long> CountedAsync(DbConnection connection, DbTransaction transaction, ClaimRow claim, DateOnly week, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, """
            SELECT COALESCE(SUM(fee_due_minor), 0) FROM cp_pay_claims
            WHERE person_id = @person AND pay_week = @week AND status = 'Approved' AND fee_payee IN ('Person', 'Vouchers')
              AND currency = @currency AND claim_id <> @id
            """);
        command.AddParameter("@person", Key(claim.PersonId));
        command.AddParameter("@week", Date(week));
        command.AddParameter("@currency", claim.Currency);
        command.AddParameter("@id", Key(claim.Id));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>Writes a decision if the claim is still at the version read; approved claims get their accruals in the same transaction.</summary>
    private static async Task SaveDecisionAsync(DbConnection connection, DbTransaction transaction, ClaimRow before, ClaimRow next, CancellationToken cancellationToken)
    {
        await using (var update = Command(connection, transaction, """
            UPDATE cp_pay_claims SET status = @status, pay_week = @week, fee_due_minor = @due, fee_payee = @payee, charity = @charity,
                decided_by = @by, decided_ms = @at, rejection_reason = @reason, limit_json = @warning, limit_confirmed = @confirmed,
                version = version + 1
            WHERE claim_id = @id AND version = @version
            """))
        {
            update.AddParameter("@status", next.Status.ToString());
            update.AddParameter("@week", Date(next.PayWeek));
            update.AddParameter("@due", next.FeeDueMinor);
            update.AddParameter("@payee", next.FeePayee.ToString());
            update.AddParameter("@charity", next.Charity);
            update.AddParameter("@by", next.DecidedBy is { } by ? Key(by) : null);
            update.AddParameter("@at", next.DecidedMs);
            update.AddParameter("@reason", next.RejectionReason);
            update.AddParameter("@warning", next.Warning is null ? null : WarningJson(next.Warning));
            update.AddParameter("@confirmed", next.LimitConfirmed ? 1 : 0);
            update.AddParameter("@id", Key(before.Id));
            update.AddParameter("@version", before.Version);
            if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                throw DomainException.Conflict("The claim was changed by someone else at the same moment; reload it.");
            }
        }

        if (next.Status == ClaimStatus.Approved)
        {
            await AppendAsync(connection, transaction, Accruals(next, next.DecidedMs ?? 0), cancellationToken);
        }
    }
}
