using CoProduce.Gateway.Api;
using CoProduce.Gateway.Auth;
using CoProduce.Grains.Common;
using CoProduce.Grains.People;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CoProduce.Gateway.People;

/// <summary>
/// A person's own profile, consents and supporters ("tell us once"). Everything here acts on the
/// signed-in person, or on the contributor a linked supporter names in CoProduce-Acting-With.
/// </summary>
public static class PeopleApi
{
    public static RouteGroupBuilder MapPeople(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/me").WithTags("People").RequireAuthorization();

        group.MapGet("/", async (HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                return Etags.Ok(context, await grains.GetGrain<IPersonGrain>(actor.PersonId).GetOwn(actor));
            })
            .WithSummary("Your profile, consents, supporters and where you take part, with its ETag.")
            .WithDescription("A supporter sees the profile of the person they support by sending CoProduce-Acting-With.");

        group.MapPut("/profile", async (PersonProfile profile, HttpContext context, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                var expected = Etags.IfMatch(context.Request);
                return Etags.Ok(context, await grains.GetGrain<IPersonGrain>(actor.PersonId).SaveProfile(actor, profile, expected));
            })
            .WithSummary("Save your profile: the first save needs no If-Match; later saves send If-Match with the ETag last read.")
            .WithDescription("The profile an invitation made when you redeemed it (its name only) counts as not yet saved: "
                + "your own first save replaces it without If-Match.");

        group.MapPost("/consents", async Task<Results<Ok<OwnProfileView>, Accepted<OwnProfileView>>> (GiveConsent request, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                var scope = new ConsentScope(request.Kind, request.Id);
                return Changed(actor, await grains.GetGrain<IPersonGrain>(actor.PersonId).GrantConsent(actor, scope));
            })
            .WithSummary("Consent to share your profile with an organisation or a network (kind: Organisation or Network).")
            .WithDescription("A supporter acting with you only proposes it (202): it waits under pendingConsents until you confirm it.");

        group.MapDelete("/consents/{kind}/{id:guid}", async Task<Results<Ok<OwnProfileView>, Accepted<OwnProfileView>>> (ConsentScopeKind kind, Guid id, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                return Changed(actor, await grains.GetGrain<IPersonGrain>(actor.PersonId).WithdrawConsent(actor, new ConsentScope(kind, id)));
            })
            .WithSummary("Withdraw a consent; the organisation or network stops seeing your profile at once.")
            .WithDescription("A supporter acting with you only proposes it (202): it waits under pendingConsents until you confirm it.");

        group.MapPost("/consents/pending/{changeId:guid}/confirm", async (Guid changeId, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                return TypedResults.Ok(await grains.GetGrain<IPersonGrain>(actor.PersonId).ConfirmConsentChange(actor, changeId));
            })
            .WithSummary("Confirm a supporter's pending consent change (you only, not a supporter); it then applies, naming them.");

        group.MapPost("/consents/pending/{changeId:guid}/reject", async (Guid changeId, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                return TypedResults.Ok(await grains.GetGrain<IPersonGrain>(actor.PersonId).RejectConsentChange(actor, changeId));
            })
            .WithSummary("Reject a supporter's pending consent change (or, as that supporter, withdraw it); nothing changes.");

        group.MapPost("/supporters", async (LinkSupporter request, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                return TypedResults.Ok(await grains.GetGrain<IPersonGrain>(actor.PersonId).LinkSupporter(actor, request.SupporterId, request.Relationship));
            })
            .WithSummary("Link a supporter or advocate who may then act with you (you only, not a supporter).");

        group.MapDelete("/supporters/{supporterId:guid}", async (Guid supporterId, IGrainFactory grains, Caller caller) =>
            {
                var actor = caller.Actor;
                return TypedResults.Ok(await grains.GetGrain<IPersonGrain>(actor.PersonId).UnlinkSupporter(actor, supporterId));
            })
            .WithSummary("End a supporter link (you, or the supporter stepping back).");

        app.MapSharedProfiles();
        return group;
    }

    /// <summary>200 when the person changed their own consents; 202 when a supporter's change waits for them.</summary>
    private static Results<Ok<OwnProfileView>, Accepted<OwnProfileView>> Changed(Actor actor, OwnProfileView view) =>
        actor.IsActingWith() ? TypedResults.Accepted((string?)null, view) : TypedResults.Ok(view);
}

/// <summary>A consent to give.</summary>
/// <param name="Kind">Organisation or Network.</param>
/// <param name="Id">The organisation's or network's id.</param>
[ApiExample("""{"kind":"Network","id":"3f1c2d9e-5b7a-4c1e-9a0b-2d4e6f8a1b3c"}""")]
public sealed record GiveConsent(ConsentScopeKind Kind, Guid Id);

/// <summary>A supporter or advocate to link.</summary>
/// <param name="SupporterId">The supporter's person id.</param>
/// <param name="Relationship">Who they are to you, e.g. "peer advocate" or "daughter".</param>
[ApiExample("""{"supporterId":"7a9b1c3d-5e7f-4a1b-8c2d-4e6f8a0b2c4d","relationship":"peer advocate"}""")]
public sealed record LinkSupporter(Guid SupporterId, string Relationship);
