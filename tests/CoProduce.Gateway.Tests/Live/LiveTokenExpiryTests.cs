using CoProduce.Client.Live;
using CoProduce.Gateway.Auth;
using CoProduce.Live;
using CoProduce.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests.Live;

/// <summary>A hub connection lasts no longer than the token it was opened with.</summary>
public abstract class LiveTokenExpiryTests(ITestDatabase database)
{
    [Fact]
    public async Task AConnectionIsClosedWhenItsTokenExpires()
    {
        await using var world = await LiveWorld.Create(database);
        var other = await world.Join(world.People.Facilitator);

        // A genuinely short-lived token (whole seconds, as JWT expiries are): it expires one to two seconds from now.
        var token = world.App.Services.GetRequiredService<TokenService>().Issue(world.People.Contributor, TimeSpan.FromSeconds(2));
        var expires = DateTimeOffset.FromUnixTimeSeconds(long.Parse(
            System.Text.Json.JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[1])).RootElement.GetProperty("exp").GetRawText(),
            System.Globalization.CultureInfo.InvariantCulture));
        var connection = world.Unstarted(token);
        var closed = LiveWorld.ClosedOf(connection);
        await connection.StartAsync();
        await connection.InvokeAsync<JoinResult>("Join", new JoinRequest(world.ProjectId));
        await world.Log(other).Next<PersonJoined>(p => p.PersonId == world.People.Contributor);

        var error = await closed.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(DateTimeOffset.UtcNow >= expires.AddMilliseconds(-50), $"closed at {DateTimeOffset.UtcNow:O}, before the token's expiry {expires:O}");
        Assert.Contains("Unauthorized", error?.Message, StringComparison.Ordinal);

        // The person leaves the session with the connection; everyone else's goes on.
        await world.Log(other).Next<PersonLeft>(p => p.PersonId == world.People.Contributor);
        Assert.Equal(HubConnectionState.Connected, other.Connection.State);
        await other.Hub.RaiseHand(world.ProjectId);
        await world.Log(other).Next<HandRaised>(h => h.PersonId == world.People.Facilitator);
    }

    [Fact]
    public async Task ASessionOutlivesItsTokenByReconnectingWithAFreshOneAndCatchesUp()
    {
        await using var world = await LiveWorld.Create(database);
        var facilitator = await world.Join(world.People.Facilitator);
        var tokens = world.App.Services.GetRequiredService<TokenService>();
        var asked = 0;

        // The first token expires one to two seconds from now. When the SDK asks for the next one (its connection
        // closed), the facilitator raises a hand before it gets it: an event the session can only catch up on.
        async ValueTask<string> Token(CancellationToken cancellationToken)
        {
            var call = Interlocked.Increment(ref asked);
            if (call == 2)
            {
                await facilitator.Hub.RaiseHand(world.ProjectId);
            }

            return tokens.Issue(world.People.Contributor, call == 1 ? TimeSpan.FromSeconds(2) : TimeSpan.FromHours(1));
        }

        var log = new EventLog();
        await using var session = await LiveSession.ConnectAsync(
            world.Address, Token, new JoinRequest(world.ProjectId), LiveWorld.QuickRetry, log.Add);
        var first = session.LastSequence;

        var missed = await world.Log(facilitator).NextMessage<HandRaised>(h => h.PersonId == world.People.Facilitator);
        await log.Reaches(missed.Sequence);
        Assert.Equal(1, session.Rejoins);
        Assert.Equal(2, Volatile.Read(ref asked));
        Assert.Equal(
            Enumerable.Range((int)first + 1, (int)(missed.Sequence - first)).Select(i => (long)i),
            log.Messages.Select(m => m.Sequence).TakeWhile(s => s <= missed.Sequence));

        // Still in the session, on the fresh token.
        await session.Hub.RaiseHand(world.ProjectId);
        await world.Log(facilitator).Next<HandRaised>(h => h.PersonId == world.People.Contributor);
        Assert.Equal(HubConnectionState.Connected, session.Connection.State);
    }
}

public sealed class SqliteLiveTokenExpiryTests(SqliteDatabase database) : LiveTokenExpiryTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresLiveTokenExpiryTests(PostgresDatabase database) : LiveTokenExpiryTests(database), IClassFixture<PostgresDatabase>;
