using System.Security.Cryptography;
using System.Text.Json;

namespace CoProduce.Gateway.Tests.Decisions;

/// <summary>
/// Someone with a copy of the database, and so with each decision's stored salt, tries every member's id
/// against the ballot keys. Only the nodes' anonymity key (configuration, never the database) links
/// them; the check with that key shows the attack is the real one.
/// </summary>
public static class AnonymousKeys
{
    public static void AssertTheDatabaseAloneNamesNobody(string storedRow, IReadOnlyList<Guid> voters)
    {
        var state = JsonDocument.Parse(storedRow[storedRow.IndexOf('{', StringComparison.Ordinal)..]).RootElement;
        var salt = Convert.FromBase64String(Member(state, "VoterKeySecret").GetString()!);
        var ballotKeys = Member(state, "Ballots").EnumerateObject().Select(b => b.Name).ToHashSet();
        Assert.Equal(voters.Count, ballotKeys.Count);

        var guessedKey = RandomNumberGenerator.GetBytes(32);
        foreach (var voter in voters)
        {
            Assert.DoesNotContain(Key(salt, voter), ballotKeys);
            Assert.DoesNotContain(Key(HMACSHA256.HashData(guessedKey, salt), voter), ballotKeys);
        }

        var nodes = HMACSHA256.HashData(Convert.FromBase64String(GatewayApplication.TestAnonymityKey), salt);
        Assert.All(voters, voter => Assert.Contains(Key(nodes, voter), ballotKeys));
    }

    private static string Key(byte[] key, Guid voter) => Convert.ToHexStringLower(HMACSHA256.HashData(key, voter.ToByteArray()));

    private static JsonElement Member(JsonElement state, string name) =>
        state.EnumerateObject().First(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)).Value;
}
