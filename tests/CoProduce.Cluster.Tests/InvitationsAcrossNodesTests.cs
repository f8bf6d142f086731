using System.Net;
using Xunit.Abstractions;

namespace CoProduce.Cluster.Tests;

/// <summary>
/// Issue 15's invitation defect, on a real cluster: invitations of one project issued and redeemed through both
/// gateways at once (so the node redeeming is often not the one that last wrote the project), some codes redeemed
/// through both nodes at the same moment and again afterwards. Every invitee joins once, as one person.
/// </summary>
public sealed class InvitationsAcrossNodesTests(ITestOutputHelper output)
{
    private const int Invitations = 16;

    // The first few codes are redeemed through both nodes at the same moment.
    private const int Raced = 4;

    private static readonly IReadOnlyDictionary<string, string> NoRedeemLimit = new Dictionary<string, string>
    {
        // Every redeem comes from one loopback address; the per-address limit is not what this test is about.
        ["CoProduce__RateLimits__RedeemsPerAddressPerMinute"] = "0",
        ["CoProduce__RateLimits__PerAddressPerMinute"] = "0",
    };

    [Fact]
    public async Task InvitationsRedeemedThroughBothSilosAdmitEachInviteeOnceAsOnePerson()
    {
        await using var cluster = await Cluster.StartAsync(gateways: 2, NoRedeemLimit);
        using var api = new Api(cluster.Gateways.Select(g => g.Address));
        var admin = Guid.NewGuid();
        var adminToken = cluster.Tokens.Issue(admin, TimeSpan.FromHours(1));
        var organisation = (await api.RequireAsync(0, adminToken, HttpMethod.Post, "/api/organisations",
            new { name = "Invitation Council", kind = "LocalAuthority", displayName = "Facilitator" })).GetProperty("id").GetGuid();
        var project = (await api.RequireAsync(1, adminToken, HttpMethod.Post, "/api/projects",
            new { organisationId = organisation, name = "Invited across nodes", summary = "Two gateways" })).GetProperty("id").GetGuid();

        // Issue (a write to the project) through one node and redeem through the other, all invitations at once:
        // redeems and project writes interleave across both nodes.
        var redeemed = await Task.WhenAll(Enumerable.Range(0, Invitations).Select(i => Task.Run(async () =>
        {
            var issuing = i % 2;
            var code = (await api.RequireAsync(issuing, adminToken, HttpMethod.Post, $"/api/projects/{project}/invitations",
                new { role = "Contributor", inviteeName = Name(i) })).GetProperty("code").GetString()!;
            var answers = i < Raced
                ? await Task.WhenAll(Redeem(api, 0, code), Redeem(api, 1, code))
                : [await Redeem(api, 1 - issuing, code)];
            return new Redeemed(i, code, answers);
        })));

        var people = new Dictionary<int, Guid>();
        foreach (var invitation in redeemed)
        {
            var admitted = invitation.Answers.Where(a => a.Status == HttpStatusCode.OK).ToList();
            Assert.True(admitted.Count == 1, $"{Name(invitation.Number)}: {admitted.Count} redeems answered 200: {string.Join(" | ", invitation.Answers)}");
            Assert.All(invitation.Answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.Conflict, a.Status));
            people[invitation.Number] = admitted[0].Json.GetProperty("personId").GetGuid();
        }

        // Each code once more through each node: anonymously it is used (409); the person who redeemed it, signed in,
        // is told where they are, as the same person.
        foreach (var invitation in redeemed)
        {
            var token = cluster.Tokens.Issue(people[invitation.Number], TimeSpan.FromHours(1));
            for (var gateway = 0; gateway < api.Gateways; gateway++)
            {
                var again = await Redeem(api, gateway, invitation.Code);
                Assert.True(again.Status == HttpStatusCode.Conflict, $"{Name(invitation.Number)} redeemed again through node {gateway}: {again}");
                var signedIn = await api.SendAsync(gateway, token, HttpMethod.Post, "/api/invitations/redeem", new { code = invitation.Code });
                Assert.True(signedIn.Status == HttpStatusCode.OK, $"{Name(invitation.Number)} redeemed again signed in through node {gateway}: {signedIn}");
                Assert.Equal(people[invitation.Number], signedIn.Json.GetProperty("personId").GetGuid());
            }
        }

        // Both nodes list the same participants: the facilitator and every invitee exactly once, under the id their redeem gave.
        for (var gateway = 0; gateway < api.Gateways; gateway++)
        {
            var participants = (await api.RequireAsync(gateway, adminToken, HttpMethod.Get, $"/api/projects/{project}"))
                .GetProperty("participants").EnumerateArray()
                .Select(p => (Id: p.GetProperty("personId").GetGuid(), Name: p.GetProperty("displayName").GetString()))
                .ToList();
            output.WriteLine($"Node {gateway} lists {participants.Count} participants.");
            Assert.Equal(Invitations + 1, participants.Count);
            Assert.Equal(participants.Count, participants.Select(p => p.Id).Distinct().Count());
            Assert.Contains(participants, p => p.Id == admin);
            for (var i = 0; i < Invitations; i++)
            {
                var named = participants.Where(p => p.Name == Name(i)).ToList();
                Assert.True(named.Count == 1, $"Node {gateway} lists {named.Count} participants named {Name(i)}: {string.Join(", ", named)}");
                Assert.Equal(people[i], named[0].Id);
            }
        }
    }

    private static string Name(int number) => $"Invitee {number}";

    private static Task<Answer> Redeem(Api api, int gateway, string code) =>
        api.SendAsync(gateway, token: null, HttpMethod.Post, "/api/invitations/redeem", new { code });

    private sealed record Redeemed(int Number, string Code, IReadOnlyList<Answer> Answers);
}
