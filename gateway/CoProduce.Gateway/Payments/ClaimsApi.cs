using System.Globalization;
using System.Net;
using System.Text;
using CoProduce.Gateway.Api;
using CoProduce.Gateway.Auth;
using CoProduce.Grains.Common;
using CoProduce.Grains.Exports;
using CoProduce.Grains.Payments;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CoProduce.Gateway.Payments;

/// <summary>Claims for time and expenses: made on a project, decided by finance, followed by the contributor.</summary>
public static class ClaimsApi
{
    public static IEndpointRouteBuilder MapClaims(this IEndpointRouteBuilder app)
    {
        var projects = app.MapGroup("/api/projects/{projectId:guid}").WithTags("Payments").RequireAuthorization();

        projects.MapPost("/claims", async (Guid projectId, ClaimRequest request, IGrainFactory grains, Caller caller) =>
            {
                var id = Guid.NewGuid();
                var claim = await grains.GetGrain<IClaimGrain>(id).Submit(caller.Actor, projectId, request.ToSpec());
                return TypedResults.Created($"/api/claims/{id}", claim);
            })
            .WithIdempotency()
            .WithSummary("Claim for time and/or expenses: the contributor, a supporter acting with them, or a facilitator naming the contributor.")
            .WithDescription("Priced from the payer's rate card. A fee waits (AwaitingChoice) until the contributor has chosen what to do with fees from that payer. "
                + "Refused with 400: zero or negative amounts, another currency, amounts over the policy's caps, a person who is not a contributor here.");

        projects.MapGet("/claims", async (Guid projectId, int? offset, int? limit, IGrainFactory grains, Caller caller) =>
            {
                var page = PageRequest.From(offset, limit);
                var slice = await grains.GetGrain<IProjectPaymentsGrain>(projectId).Claims(caller.Actor, page.Offset, page.Limit);
                return TypedResults.Ok(new Page<ClaimView>(slice.Items, page.Offset, page.Limit, slice.Total));
            })
            .WithSummary("The project's claims, newest first. Facilitators.");

        projects.MapGet("/payments/timeliness", async (Guid projectId, IGrainFactory grains, Caller caller) =>
                TypedResults.Ok(await grains.GetGrain<IProjectPaymentsGrain>(projectId).Timeliness(caller.Actor)))
            .WithSummary("How promptly the project's contributors were paid against each payer's promise (for the power-balance report).");

        var claims = app.MapGroup("/api/claims/{claimId:guid}").WithTags("Payments").RequireAuthorization();

        claims.MapGet("/", async (Guid claimId, IGrainFactory grains, Caller caller) =>
                TypedResults.Ok(await grains.GetGrain<IClaimGrain>(claimId).Get(caller.Actor)))
            .WithSummary("A claim with its status, late flag and any limit warning: its contributor, the project's facilitators, the payer's staff.");

        claims.MapPost("/approve", async (Guid claimId, IGrainFactory grains, Caller caller) =>
                TypedResults.Ok(await grains.GetGrain<IClaimGrain>(claimId).Approve(caller.Actor)))
            .WithSummary("Approve (the payer's finance staff). When paying would cross the contributor's weekly limit the claim is HeldAtLimit with a warning; only they decide.")
            .WithDescription("A claim already decided is 409: of two approvals at once, one wins.");

        claims.MapPost("/reject", async (Guid claimId, RejectRequest request, IGrainFactory grains, Caller caller) =>
                TypedResults.Ok(await grains.GetGrain<IClaimGrain>(claimId).Reject(caller.Actor, request.Reason)))
            .WithSummary("Reject with a reason the contributor sees (the payer's finance staff).");

        claims.MapPost("/limit", async (Guid claimId, LimitDecisionRequest request, IGrainFactory grains, Caller caller) =>
                TypedResults.Ok(await grains.GetGrain<IClaimGrain>(claimId).DecideAtLimit(caller.Actor, request.Action, request.PayWeek, request.Charity)))
            .WithSummary("The contributor's decision on a claim held at their weekly limit: Defer, Reduce, Decline, Donate or Confirm (pay in full anyway).");

        claims.MapPost("/confirm", async (Guid claimId, ConfirmDraftRequest request, IGrainFactory grains, Caller caller) =>
                TypedResults.Ok(await grains.GetGrain<IClaimGrain>(claimId).Confirm(caller.Actor, request.ToChanges())))
            .WithSummary("Confirm a draft claim made from a live session, with any changes (the contributor, or a supporter acting with them).")
            .WithDescription("From then it is a claim like any other: under their payment choice, the payer's promised time and their weekly limit. A claim that is not a draft is 409.");

        claims.MapPost("/decline", async (Guid claimId, DeclineDraftRequest? request, IGrainFactory grains, Caller caller) =>
                TypedResults.Ok(await grains.GetGrain<IClaimGrain>(claimId).Decline(caller.Actor, request?.Reason)))
            .WithSummary("Decline a draft claim made from a live session: its contributor (a reason is theirs to give or not), or a facilitator, who says why.")
            .WithDescription("The body may be left out when no reason is given. A declined draft is never paid, never counted for timeliness, and the session cannot draft it again. A claim that is not a draft is 409.");

        return app;
    }
}

/// <summary>The contributor's own payments: choices, weekly limit, claims and statements.</summary>
public static class MyPaymentsApi
{
    public static RouteGroupBuilder MapMyPayments(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/me").WithTags("Payments").RequireAuthorization();

        group.MapGet("/payments", async (IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                return TypedResults.Ok(await grains.GetGrain<IPayeeGrain>(actor.PersonId).Get(actor));
            })
            .WithSummary("Your payment choices per organisation or network, your weekly limit, and supporters' changes waiting for you.");

        group.MapPut("/payments/choices", async Task<Results<Ok<PayeePreferences>, Accepted<PayeePreferences>>> (ChoiceRequest request, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                var preferences = await grains.GetGrain<IPayeeGrain>(actor.PersonId).Choose(
                    actor, new PayerRef(request.PayerKind, request.PayerId), request.Choice, request.Percent, request.Charity);
                return Changed(actor, preferences);
            })
            .WithSummary("Choose what happens to your fees from one organisation or network: Accept, AcceptLess, Decline, Donate or Vouchers.")
            .WithDescription("Claims waiting for this choice go forward with it; a change applies to claims made from then on. "
                + "A supporter acting with you only proposes it (202): it waits under pending until you confirm it.");

        group.MapPut("/payments/limit", async Task<Results<Ok<PayeePreferences>, Accepted<PayeePreferences>>> (LimitRequest request, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                return Changed(actor, await grains.GetGrain<IPayeeGrain>(actor.PersonId).SetLimit(actor, request.ToLimit()));
            })
            .WithSummary("Record a weekly earnings limit on fees (summed across every payer) and any permission you hold; weeklyLimit null removes it.")
            .WithDescription("A supporter acting with you only proposes it (202): your limit stays as it is until you confirm the change.");

        group.MapPost("/payments/pending/{changeId:guid}/confirm", async (Guid changeId, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                return TypedResults.Ok(await grains.GetGrain<IPayeeGrain>(actor.PersonId).ConfirmChange(actor, changeId));
            })
            .WithSummary("Confirm a supporter's pending change to your payment choice or limit (you only, not a supporter); it then applies, naming them.");

        group.MapPost("/payments/pending/{changeId:guid}/reject", async (Guid changeId, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                return TypedResults.Ok(await grains.GetGrain<IPayeeGrain>(actor.PersonId).RejectChange(actor, changeId));
            })
            .WithSummary("Reject a supporter's pending change (or, as that supporter, withdraw it); nothing changes.");

        group.MapGet("/claims", async (int? offset, int? limit, IGrainFactory grains, Caller caller) =>
            {
                var page = PageRequest.From(offset, limit);
                var actor = caller.Actor;
                var slice = await grains.GetGrain<IPayeeGrain>(actor.PersonId).Claims(actor, page.Offset, page.Limit);
                return TypedResults.Ok(new Page<ClaimView>(slice.Items, page.Offset, page.Limit, slice.Total));
            })
            .WithSummary("Your claims with every status, newest first.");

        group.MapGet("/statement.csv", async (IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                var claims = await grains.GetGrain<IPayeeGrain>(actor.PersonId).Statement(actor);
                return TypedResults.Text(Statements.Csv(claims), "text/csv; charset=utf-8");
            })
            .WithSummary("Your statement as CSV: every claim, what was paid, to whom and when.");

        group.MapGet("/statement.html", async (IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                var claims = await grains.GetGrain<IPayeeGrain>(actor.PersonId).Statement(actor);
                return TypedResults.Text(Statements.Html(actor.PersonId, claims), "text/html; charset=utf-8");
            })
            .WithSummary("Your statement as a printable page.");

        return group;
    }

    /// <summary>200 when the person changed their own preferences; 202 when a supporter's change waits for them.</summary>
    private static Results<Ok<PayeePreferences>, Accepted<PayeePreferences>> Changed(Actor actor, PayeePreferences preferences) =>
        actor.IsActingWith() ? TypedResults.Accepted((string?)null, preferences) : TypedResults.Ok(preferences);
}

/// <summary>Statements per contributor, as CSV and as a printable HTML page.</summary>
internal static class Statements
{
    public const string CsvHeader = "claim_id,activity_date,payer,project_id,role,activity,fee,fee_paid_to,fee_to_pay,expenses,currency,status,paid_at,late";

    /// <summary>The statement as CSV, by the one <see cref="CsvWriter"/>: a charity's name or a role is text and cannot shift columns or run as a formula.</summary>
    public static string Csv(IReadOnlyList<ClaimView> claims)
    {
        var csv = new CsvWriter().Row(CsvHeader.Split(','));
        foreach (var c in claims)
        {
            csv.Row(
                c.Id.ToString("D"), c.ActivityDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.Payer.Key, c.ProjectId.ToString("D"),
                c.Role, c.Activity, CsvCell.Number(c.Fee, "0.00"), PaidTo(c), CsvCell.Number(c.FeeToPay, "0.00"), CsvCell.Number(c.ExpensesTotal, "0.00"),
                c.Currency, c.Status.ToString(), c.PaidAt?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "", c.Late ? "yes" : "no");
        }

        return csv.ToString();
    }

    public static string Html(Guid personId, IReadOnlyList<ClaimView> claims)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var html = new StringBuilder("""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Payment statement</title>
            <style>body{font-family:sans-serif;font-size:16px;margin:2em}table{border-collapse:collapse;width:100%}
            th,td{border:1px solid #444;padding:.4em;text-align:left}td.n{text-align:right}@media print{body{margin:0}}</style></head><body>
            """);
        html.Append(CultureInfo.InvariantCulture, $"<h1>Payment statement</h1><p>For person {E(personId.ToString("D"))}. {claims.Count} claims.</p>");
        html.Append("<table><thead><tr><th>Date</th><th>Paid by</th><th>Role and activity</th><th>Fee</th><th>Fee paid to</th><th>Expenses</th><th>Status</th><th>Paid on</th></tr></thead><tbody>");
        foreach (var c in claims)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{c.ActivityDate:d MMMM yyyy}</td><td>{E(c.Payer.Kind.ToString())}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{E(c.Role)} {E(c.Activity)}</td><td class=\"n\">{c.FeeToPay:0.00} {E(c.Currency)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{E(PaidTo(c))}</td><td class=\"n\">{c.ExpensesTotal:0.00} {E(c.Currency)}</td><td>{E(c.Status.ToString())}{(c.Late ? " (late)" : "")}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{c.PaidAt:d MMMM yyyy}</td></tr>");
        }

        var paid = claims.Where(c => c.Status == ClaimStatus.Paid).GroupBy(c => c.Currency);
        html.Append("</tbody></table>");
        foreach (var total in paid)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>Paid in total: {total.Sum(c => c.FeeToPay + c.ExpensesTotal):0.00} {E(total.Key)}</p>");
        }

        return html.Append("</body></html>").ToString();
    }

    private static string PaidTo(ClaimView c) => c.FeePayee switch
    {
        FeePayee.Charity => $"charity: {c.Charity}",
        FeePayee.Vouchers => "vouchers",
        FeePayee.Person => "you",
        _ => "nobody (no fee)",
    };
}
