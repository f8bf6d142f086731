using CoProduce.Gateway.Api;
using CoProduce.Gateway.Auth;
using CoProduce.Grains.Payments;

namespace CoProduce.Gateway.Payments;

/// <summary>A payer's rate card and expenses policy, its finance queue, payout runs and ledger.</summary>
public static class PayersApi
{
    /// <summary>Maps /api/payments/{payerKind}/{payerId}: payerKind is Organisation or Network.</summary>
    public static RouteGroupBuilder MapPayers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/payments/{payerKind}/{payerId:guid}").WithTags("Payments").RequireAuthorization();

        group.MapGet("/policy", async (string payerKind, Guid payerId, HttpContext context, IGrainFactory grains, Caller caller) =>
                Etags.Ok(context, await Payer(grains, payerKind, payerId).GetPolicy(caller.Actor)))
            .Produces<PaymentPolicyView>()
            .WithSummary("The rate card and expenses policy. The payer's staff (a network's coordinators).");

        group.MapPut("/policy", async (string payerKind, Guid payerId, PaymentPolicy policy, HttpContext context, IGrainFactory grains, Caller caller) =>
                Etags.Ok(context, await Payer(grains, payerKind, payerId).SetPolicy(caller.Actor, policy, Etags.IfMatch(context.Request))))
            .Produces<PaymentPolicyView>()
            .WithSummary("Set the rate card (role, activity, unit, amount, effective-from) and expenses policy (caps, receipts) and the promised payment time.")
            .WithDescription("Organisation admins and finance staff; network coordinators. If-Match is required once a policy exists.");

        group.MapGet("/claims", async (string payerKind, Guid payerId, ClaimStatus? status, int? offset, int? limit, IGrainFactory grains, Caller caller) =>
            {
                var page = PageRequest.From(offset, limit);
                var slice = await Payer(grains, payerKind, payerId).Claims(caller.Actor, status, page.Offset, page.Limit);
                return TypedResults.Ok(new Page<ClaimView>(slice.Items, page.Offset, page.Limit, slice.Total));
            })
            .WithSummary("The payer's claims (filter by status, e.g. Submitted for the approval queue), newest first. Finance staff.");

        group.MapPost("/runs", async (string payerKind, Guid payerId, IGrainFactory grains, Caller caller) =>
            {
                var run = await Payer(grains, payerKind, payerId).StartRun(caller.Actor);
                return TypedResults.Accepted($"/api/payments/{payerKind}/{payerId}/runs/{run.Id}", run);
            })
            .WithIdempotency()
            .WithSummary("Start a payout run now: every approved, due claim of this payer is paid once. 202; follow the run's progress at its address.")
            .WithDescription("Finance staff. With an Idempotency-Key, a retried request answers the run it started rather than starting another.");

        group.MapGet("/runs", async (string payerKind, Guid payerId, int? offset, int? limit, IGrainFactory grains, Caller caller) =>
            {
                var page = PageRequest.From(offset, limit);
                var slice = await Payer(grains, payerKind, payerId).Runs(caller.Actor, page.Offset, page.Limit);
                return TypedResults.Ok(new Page<PayoutRunView>(slice.Items, page.Offset, page.Limit, slice.Total));
            })
            .WithSummary("Payout runs, newest first, with progress and outcome (ExportPending: awaiting its handover). Finance staff and admins.");

        group.MapGet("/runs/{runId:guid}", async (string payerKind, Guid payerId, Guid runId, IGrainFactory grains, Caller caller) =>
                TypedResults.Ok(await Payer(grains, payerKind, payerId).Run(caller.Actor, runId)))
            .WithSummary("One payout run: status, attempts, rows written, amount, the export file and the last error. Finance staff and admins.")
            .WithDescription("Its claims are paid once the run is Completed. ExportPending: the ledger rows are in but the instruction (the bank file) is not handed over yet; it is retried until it is.");

        group.MapPost("/runs/{runId:guid}/retry", async (string payerKind, Guid payerId, Guid runId, IGrainFactory grains, Caller caller) =>
            {
                var run = await Payer(grains, payerKind, payerId).RetryRun(caller.Actor, runId);
                return TypedResults.Accepted($"/api/payments/{payerKind}/{payerId}/runs/{run.Id}", run);
            })
            .WithSummary("Try a payout run that has not handed its instruction over again now (say, once the export volume is back). 202. Finance staff and admins.")
            .WithDescription("409 when the run is Completed already; 404 for another payer's run. The run keeps retrying by itself too.");

        group.MapGet("/balances", async (string payerKind, Guid payerId, IGrainFactory grains, Caller caller) =>
                TypedResults.Ok(await Payer(grains, payerKind, payerId).Balances(caller.Actor)))
            .WithSummary("Account balances derived from the ledger (debits minus credits). Finance staff.");

        group.MapGet("/ledger", async (string payerKind, Guid payerId, int? offset, int? limit, IGrainFactory grains, Caller caller) =>
            {
                var page = PageRequest.From(offset, limit);
                var slice = await Payer(grains, payerKind, payerId).Ledger(caller.Actor, page.Offset, page.Limit);
                return TypedResults.Ok(new Page<LedgerEntryView>(slice.Items, page.Offset, page.Limit, slice.Total));
            })
            .WithSummary("The ledger, newest first. Finance staff.");

        group.MapPost("/ledger/{entryId:long}/reverse", async (string payerKind, Guid payerId, long entryId, ReverseRequest request, IGrainFactory grains, Caller caller) =>
                TypedResults.Ok(await Payer(grains, payerKind, payerId).Reverse(caller.Actor, entryId, request.Reason)))
            .WithSummary("Correct an entry by appending its reversal, with a reason. Finance staff; an entry is reversed at most once (409).");

        return group;
    }

    private static IPayerGrain Payer(IGrainFactory grains, string payerKind, Guid payerId) =>
        grains.GetGrain<IPayerGrain>(PayerRoute.Parse(payerKind, payerId).Key);
}
