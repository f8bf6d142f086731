using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using CoProduce.Grains.Common;

namespace CoProduce.Grains.Payments.Storage;

public sealed partial class PaymentStore
{
    private const string ClaimColumns = """
        c.claim_id, c.project_id, c.person_id, c.payer_kind, c.payer_id, c.currency, c.activity_date, c.pay_week,
        c.role, c.activity, c.unit, c.quantity, c.rate_minor, c.fee_minor, c.fee_due_minor, c.fee_payee, c.charity,
        c.choice, c.expenses_minor, c.expenses_json, c.in_advance, c.note, c.status, c.entered_by, c.supported_by,
        c.submitted_ms, c.due_by_ms, c.decided_by, c.decided_ms, c.rejection_reason, c.limit_json, c.limit_confirmed,
        c.version,
        """ + PaidAtSql + ", " + PaidRunSql;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>Stores a new claim; false when a claim with its id already exists.</summary>
    public async Task<bool> InsertClaimAsync(ClaimRow claim, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, """
            INSERT INTO cp_pay_claims (claim_id, project_id, person_id, payer_kind, payer_id, currency, activity_date, pay_week,
                role, activity, unit, quantity, rate_minor, fee_minor, fee_due_minor, fee_payee, charity, choice, expenses_minor,
                expenses_json, in_advance, note, status, entered_by, supported_by, submitted_ms, due_by_ms, decided_by, decided_ms,
                rejection_reason, limit_json, limit_confirmed, version)
            VALUES (@id, @project, @person, @payerKind, @payerId, @currency, @activityDate, @payWeek,
                @role, @activity, @unit, @quantity, @rate, @fee, @feeDue, @feePayee, @charity, @choice, @expenses,
                @expensesJson, @inAdvance, @note, @status, @enteredBy, @supportedBy, @submitted, @dueBy, NULL, NULL,
                NULL, NULL, 0, 1)
            ON CONFLICT DO NOTHING
            """);
        command.AddParameter("@id", Key(claim.Id));
        command.AddParameter("@project", Key(claim.ProjectId));
        command.AddParameter("@person", Key(claim.PersonId));
        command.AddParameter("@payerKind", claim.Payer.Kind.ToString());
        command.AddParameter("@payerId", Key(claim.Payer.Id));
        command.AddParameter("@currency", claim.Currency);
        command.AddParameter("@activityDate", Date(claim.ActivityDate));
        command.AddParameter("@payWeek", Date(claim.PayWeek));
        command.AddParameter("@role", claim.Role);
        command.AddParameter("@activity", claim.Activity);
        command.AddParameter("@unit", claim.Unit?.ToString());
        command.AddParameter("@quantity", claim.Quantity?.ToString(CultureInfo.InvariantCulture));
        command.AddParameter("@rate", claim.RateMinor);
        command.AddParameter("@fee", claim.FeeMinor);
        command.AddParameter("@feeDue", claim.FeeDueMinor);
        command.AddParameter("@feePayee", claim.FeePayee.ToString());
        command.AddParameter("@charity", claim.Charity);
        command.AddParameter("@choice", claim.Choice?.ToString());
        command.AddParameter("@expenses", claim.ExpensesMinor);
        command.AddParameter("@expensesJson", JsonSerializer.Serialize(claim.Expenses, Json));
        command.AddParameter("@inAdvance", claim.InAdvance ? 1 : 0);
        command.AddParameter("@note", claim.Note);
        command.AddParameter("@status", claim.Status.ToString());
        command.AddParameter("@enteredBy", Key(claim.EnteredBy));
        command.AddParameter("@supportedBy", claim.SupportedBy is { } s ? Key(s) : null);
        command.AddParameter("@submitted", claim.SubmittedMs);
        command.AddParameter("@dueBy", claim.DueByMs);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Writes a confirmed draft if it is still the draft at <paramref name="version"/>; false when it is not.</summary>
    public async Task<bool> ConfirmDraftAsync(ClaimRow next, long version, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, """
            UPDATE cp_pay_claims SET quantity = @quantity, rate_minor = @rate, fee_minor = @fee, fee_due_minor = @feeDue, fee_payee = @feePayee,
                charity = @charity, choice = @choice, expenses_minor = @expenses, expenses_json = @expensesJson, note = @note, status = @status,
                supported_by = @supportedBy, submitted_ms = @submitted, due_by_ms = @dueBy, version = version + 1
            WHERE claim_id = @id AND status = 'Draft' AND version = @version
            """);
        command.AddParameter("@quantity", next.Quantity?.ToString(CultureInfo.InvariantCulture));
        command.AddParameter("@rate", next.RateMinor);
        command.AddParameter("@fee", next.FeeMinor);
        command.AddParameter("@feeDue", next.FeeDueMinor);
        command.AddParameter("@feePayee", next.FeePayee.ToString());
        command.AddParameter("@charity", next.Charity);
        command.AddParameter("@choice", next.Choice?.ToString());
        command.AddParameter("@expenses", next.ExpensesMinor);
        command.AddParameter("@expensesJson", JsonSerializer.Serialize(next.Expenses, Json));
        command.AddParameter("@note", next.Note);
        command.AddParameter("@status", next.Status.ToString());
        command.AddParameter("@supportedBy", next.SupportedBy is { } s ? Key(s) : null);
        command.AddParameter("@submitted", next.SubmittedMs);
        command.AddParameter("@dueBy", next.DueByMs);
        command.AddParameter("@id", Key(next.Id));
        command.AddParameter("@version", version);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Declines a draft still at <paramref name="version"/>; false when it was confirmed or changed first.</summary>
    public async Task<bool> DeclineDraftAsync(ClaimRow next, long version, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, """
            UPDATE cp_pay_claims SET status = @status, decided_by = @by, decided_ms = @at, rejection_reason = @reason,
                supported_by = @supportedBy, version = version + 1
            WHERE claim_id = @id AND status = 'Draft' AND version = @version
            """);
        command.AddParameter("@status", next.Status.ToString());
        command.AddParameter("@by", next.DecidedBy is { } by ? Key(by) : null);
        command.AddParameter("@at", next.DecidedMs);
        command.AddParameter("@reason", next.RejectionReason);
        command.AddParameter("@supportedBy", next.SupportedBy is { } s ? Key(s) : null);
        command.AddParameter("@id", Key(next.Id));
        command.AddParameter("@version", version);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<ClaimRow?> GetClaimAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await GetClaimAsync(connection, null, id, cancellationToken);
    }

    /// <summary>Claims of a project, or a person, or a payer (optionally in one status), newest first, a page at a time.</summary>
    public async Task<(IReadOnlyList<ClaimRow> Items, int Total)> ListClaimsAsync(ClaimFilter filter, int offset, int limit, CancellationToken cancellationToken)
    {
        var (where, bind) = filter.Sql();
        await using var connection = await OpenAsync(cancellationToken);
        int total;
        await using (var count = Command(connection, null, $"SELECT COUNT(*) FROM cp_pay_claims c WHERE {where}"))
        {
            bind(count);
            total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        await using var command = Command(connection, null,
            $"SELECT {ClaimColumns} FROM cp_pay_claims c WHERE {where} ORDER BY c.submitted_ms DESC, c.claim_id LIMIT @limit OFFSET @offset");
        bind(command);
        command.AddParameter("@limit", limit);
        command.AddParameter("@offset", offset);
        return (await ReadClaims(command, cancellationToken), total);
    }

    /// <summary>Every claim of a person, oldest first (for statements).</summary>
    public async Task<IReadOnlyList<ClaimRow>> ClaimsOfPersonAsync(Guid personId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            $"SELECT {ClaimColumns} FROM cp_pay_claims c WHERE c.person_id = @person ORDER BY c.activity_date, c.submitted_ms, c.claim_id");
        command.AddParameter("@person", Key(personId));
        return await ReadClaims(command, cancellationToken);
    }

    /// <summary>
    /// Claims of the person from this payer that were waiting for a choice go forward with it: their fee to pay
    /// and payee are set from the choice, and they wait for approval.
    /// </summary>
    public async Task<int> ReleaseAwaitingChoiceAsync(Guid personId, PaymentChoice choice, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginLockedAsync(connection, PersonLock(personId), cancellationToken);
        var waiting = new List<ClaimRow>();
        await using (var read = Command(connection, transaction, $"""
            SELECT {ClaimColumns} FROM cp_pay_claims c
            WHERE c.person_id = @person AND c.payer_kind = @kind AND c.payer_id = @payer AND c.status = 'AwaitingChoice'
            """))
        {
            read.AddParameter("@person", Key(personId));
            read.AddParameter("@kind", choice.Payer.Kind.ToString());
            read.AddParameter("@payer", Key(choice.Payer.Id));
            waiting.AddRange(await ReadClaims(read, cancellationToken));
        }

        foreach (var claim in waiting)
        {
            var (due, payee, charity) = PaymentChoices.Apply(choice, claim.FeeMinor);
            await using var update = Command(connection, transaction, """
                UPDATE cp_pay_claims SET status = 'Submitted', choice = @choice, fee_due_minor = @due, fee_payee = @payee, charity = @charity,
                    version = version + 1
                WHERE claim_id = @id AND status = 'AwaitingChoice'
                """);
            update.AddParameter("@choice", choice.Choice.ToString());
            update.AddParameter("@due", due);
            update.AddParameter("@payee", payee.ToString());
            update.AddParameter("@charity", charity);
            update.AddParameter("@id", Key(claim.Id));
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return waiting.Count;
    }

    internal static async Task<ClaimRow?> GetClaimAsync(DbConnection connection, DbTransaction? transaction, Guid id, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, $"SELECT {ClaimColumns} FROM cp_pay_claims c WHERE c.claim_id = @id");
        command.AddParameter("@id", Key(id));
        return (await ReadClaims(command, cancellationToken)).SingleOrDefault();
    }

    internal static string PersonLock(Guid personId) => $"payments-person:{personId:D}";

    internal static string Key(Guid id) => id.ToString("D");

    internal static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<IReadOnlyList<ClaimRow>> ReadClaims(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<ClaimRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(ReadClaim(reader));
        }

        return rows;
    }

    private static ClaimRow ReadClaim(DbDataReader r)
    {
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        long? Long(int i) => r.IsDBNull(i) ? null : Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);
        Guid? Id(int i) => r.IsDBNull(i) ? null : Guid.Parse(r.GetString(i));
        T? Enum<T>(int i) where T : struct, System.Enum => r.IsDBNull(i) ? null : System.Enum.Parse<T>(r.GetString(i));
        return new ClaimRow
        {
            Id = Guid.Parse(r.GetString(0)),
            ProjectId = Guid.Parse(r.GetString(1)),
            PersonId = Guid.Parse(r.GetString(2)),
            Payer = new PayerRef(System.Enum.Parse<PayerKind>(r.GetString(3)), Guid.Parse(r.GetString(4))),
            Currency = r.GetString(5),
            ActivityDate = ParseDate(r.GetString(6)),
            PayWeek = ParseDate(r.GetString(7)),
            Role = Text(8),
            Activity = Text(9),
            Unit = Enum<RateUnit>(10),
            Quantity = Text(11) is { } q ? decimal.Parse(q, CultureInfo.InvariantCulture) : null,
            RateMinor = Long(12),
            FeeMinor = Long(13)!.Value,
            FeeDueMinor = Long(14)!.Value,
            FeePayee = System.Enum.Parse<FeePayee>(r.GetString(15)),
            Charity = Text(16),
            Choice = Enum<PaymentChoiceKind>(17),
            ExpensesMinor = Long(18)!.Value,
            Expenses = JsonSerializer.Deserialize<List<ExpenseLine>>(r.GetString(19), Json) ?? [],
            InAdvance = Long(20) == 1,
            Note = Text(21),
            Status = System.Enum.Parse<ClaimStatus>(r.GetString(22)),
            EnteredBy = Guid.Parse(r.GetString(23)),
            SupportedBy = Id(24),
            SubmittedMs = Long(25)!.Value,
            DueByMs = Long(26)!.Value,
            DecidedBy = Id(27),
            DecidedMs = Long(28),
            RejectionReason = Text(29),
            Warning = Text(30) is { } w ? JsonSerializer.Deserialize<LimitWarning>(w, Json) : null,
            LimitConfirmed = Long(31) == 1,
            Version = Long(32)!.Value,
            PaidMs = Long(33),
            PaidRun = Id(34),
        };
    }

    internal static string WarningJson(LimitWarning? warning) => warning is null ? "" : JsonSerializer.Serialize(warning, Json);
}

/// <summary>Which claims to list.</summary>
public sealed record ClaimFilter(Guid? ProjectId = null, Guid? PersonId = null, PayerRef? Payer = null, ClaimStatus? Status = null)
{
    internal (string Where, Action<DbCommand> Bind) Sql()
    {
        var clauses = new List<string>();
        if (ProjectId is not null)
        {
            clauses.Add("c.project_id = @fProject");
        }

        if (PersonId is not null)
        {
            clauses.Add("c.person_id = @fPerson");
        }

        if (Payer is not null)
        {
            clauses.Add("c.payer_kind = @fKind AND c.payer_id = @fPayer");
        }

        // Paid is derived from the ledger and the runs, not stored: a payout row whose run has handed its instruction
        // over. Approved means approved and not yet paid (a run awaiting its export holds it, but it is not paid).
        switch (Status)
        {
            case ClaimStatus.Paid:
                clauses.Add($"EXISTS ({PaymentStore.HandedOverSql})");
                break;
            case ClaimStatus.Approved:
                clauses.Add($"c.status = 'Approved' AND NOT EXISTS ({PaymentStore.HandedOverSql})");
                break;
            case { } status:
                clauses.Add("c.status = @fStatus");
                break;
        }

        if (clauses.Count == 0)
        {
            throw DomainException.Invalid("filter", "A claim list needs a project, a person or a payer.");
        }

        return (string.Join(" AND ", clauses), command =>
        {
            if (ProjectId is { } project)
            {
                command.AddParameter("@fProject", PaymentStore.Key(project));
            }

            if (PersonId is { } person)
            {
                command.AddParameter("@fPerson", PaymentStore.Key(person));
            }

            if (Payer is { } payer)
            {
                command.AddParameter("@fKind", payer.Kind.ToString());
                command.AddParameter("@fPayer", PaymentStore.Key(payer.Id));
            }

            if (Status is { } s && s is not ClaimStatus.Paid and not ClaimStatus.Approved)
            {
                command.AddParameter("@fStatus", s.ToString());
            }
        });
    }
}
