using CoProduce.Gateway.Api;
using CoProduce.Grains.Common;
using CoProduce.Grains.Payments;

namespace CoProduce.Gateway.Payments;

/// <summary>A claim for time and/or expenses on one activity of the project.</summary>
/// <param name="ActivityDate">The day of the activity (for expenses in advance: the day it will happen).</param>
/// <param name="Currency">The payer's currency, such as GBP; any other is refused.</param>
/// <param name="Payer">Organisation (the project's, the default) or Network (when the project is run in one).</param>
/// <param name="PersonId">The contributor the claim is for; the caller when left out (facilitators name the contributor).</param>
/// <param name="Role">The role on the rate card, such as "Expert by experience".</param>
/// <param name="Activity">The activity on the rate card, such as "Meeting".</param>
/// <param name="Quantity">Hours, sessions or days, by the rate's unit (up to two decimal places).</param>
/// <param name="Expenses">Up to 50 expenses with receipt details.</param>
/// <param name="InAdvance">Pay the expenses before the activity, so nobody is out of pocket.</param>
/// <param name="Note">Anything the finance team should know.</param>
[ApiExample("""{"activityDate":"2026-11-23","currency":"GBP","payer":"Organisation","role":"Expert by experience","activity":"Meeting","quantity":2.5,"expenses":[{"category":"Travel","amount":6.40,"description":"Bus both ways","receipt":{"reference":"T-1182","issuedBy":"County Buses","date":"2026-11-23"}}],"inAdvance":false}""")]
public sealed record ClaimRequest(
    DateOnly ActivityDate,
    string Currency,
    PayerKind Payer = PayerKind.Organisation,
    Guid? PersonId = null,
    string? Role = null,
    string? Activity = null,
    decimal? Quantity = null,
    IReadOnlyList<ExpenseLine>? Expenses = null,
    bool InAdvance = false,
    string? Note = null)
{
    public ClaimSpec ToSpec() => new(PersonId, Payer, ActivityDate, Currency, Role, Activity, Quantity, Expenses ?? [], InAdvance, Note);
}

/// <summary>Why a claim is rejected: the contributor sees it.</summary>
[ApiExample("""{"reason":"This meeting was already claimed on 12 November."}""")]
public sealed record RejectRequest(string Reason);

/// <summary>What to do with a claim held at the contributor's weekly limit.</summary>
/// <param name="Action">Defer, Reduce, Decline, Donate or Confirm.</param>
/// <param name="PayWeek">Defer: a day in the later week to be paid in.</param>
/// <param name="Charity">Donate: the charity's name.</param>
[ApiExample("""{"action":"Defer","payWeek":"2026-12-07"}""")]
public sealed record LimitDecisionRequest(LimitAction Action, DateOnly? PayWeek = null, string? Charity = null);

/// <summary>The contributor's choice for fees from one organisation or network.</summary>
/// <param name="PayerKind">Organisation or Network.</param>
/// <param name="PayerId">Its id.</param>
/// <param name="Choice">Accept, AcceptLess, Decline, Donate or Vouchers.</param>
/// <param name="Percent">AcceptLess: the share of each fee to take, 1-99.</param>
/// <param name="Charity">Donate: the charity's name.</param>
[ApiExample("""{"payerKind":"Organisation","payerId":"3f1c2d9e-5b7a-4c1e-9a0b-2d4e6f8a1b3c","choice":"Donate","charity":"Mind in Northshire"}""")]
public sealed record ChoiceRequest(PayerKind PayerKind, Guid PayerId, PaymentChoiceKind Choice, int? Percent = null, string? Charity = null);

/// <summary>A weekly earnings limit on fees (expenses never count); send null amount to remove it.</summary>
/// <param name="WeeklyLimit">The most fees to be paid in one week, across every payer; null removes the limit.</param>
/// <param name="Currency">Its currency, such as GBP.</param>
/// <param name="PermissionNote">Any permission held, e.g. Permitted Work agreed with the Jobcentre.</param>
[ApiExample("""{"weeklyLimit":20.00,"currency":"GBP","permissionNote":"Permitted Work lower limit"}""")]
public sealed record LimitRequest(decimal? WeeklyLimit, string Currency, string? PermissionNote = null)
{
    public WeeklyLimit? ToLimit() => WeeklyLimit is { } amount ? new WeeklyLimit(amount, Currency, PermissionNote) : null;
}

/// <summary>A correction: the entry is reversed by a new entry, never edited.</summary>
[ApiExample("""{"reason":"The bank returned this payment: wrong account."}""")]
public sealed record ReverseRequest(string Reason);

internal static class PayerRoute
{
    /// <summary>"Organisation" or "Network" (by name), with the id: anything else is told it does not exist.</summary>
    public static PayerRef Parse(string payerKind, Guid payerId) =>
        payerKind switch
        {
            "Organisation" or "organisation" or "organisations" => new PayerRef(PayerKind.Organisation, payerId),
            "Network" or "network" or "networks" => new PayerRef(PayerKind.Network, payerId),
            _ => throw DomainException.NotFound("The payer"),
        };
}

/// <summary>Changes to a draft claim, made as it is confirmed; what is left out stays as drafted.</summary>
/// <param name="Quantity">Hours, sessions or days, by the rate's unit (up to two decimal places).</param>
/// <param name="Expenses">Expenses to add, with receipt details.</param>
/// <param name="Note">Anything the finance team should know.</param>
[ApiExample("""{"quantity":2,"expenses":[{"category":"Travel","amount":6.40,"description":"Bus both ways","receipt":{"reference":"T-1182"}}]}""")]
public sealed record ConfirmDraftRequest(decimal? Quantity = null, IReadOnlyList<ExpenseLine>? Expenses = null, string? Note = null)
{
    public DraftChanges ToChanges() => new(Quantity, Expenses, Note);
}

/// <summary>Declining a draft claim: the contributor need give no reason; a facilitator withdrawing one must.</summary>
/// <param name="Reason">Why, shown with the claim.</param>
[ApiExample("""{"reason":"I came along as a volunteer today."}""")]
public sealed record DeclineDraftRequest(string? Reason = null);
