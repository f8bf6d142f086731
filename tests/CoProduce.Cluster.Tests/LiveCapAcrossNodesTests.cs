using CoProduce.Live;
using CoProduce.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CoProduce.Cluster.Tests;

/// <summary>
/// The cap on one person's live connections (<c>CoProduce:Live:ConnectionsPerPerson</c>) is the person's in the whole
/// cluster: with two gateway processes on one PostgreSQL, connections held through one node count on the other, and a
/// connection closed on either node frees its slot for both.
/// </summary>
public sealed class LiveCapAcrossNodesTests
{
    private const string RateLimited = "RateLimited";

    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task OnePersonCannotHoldMoreConnectionsThanTheCapAcrossTwoNodes()
    {
        await using var cluster = await Cluster.StartAsync(gateways: 2, new Dictionary<string, string> { ["CoProduce__Live__ConnectionsPerPerson"] = "2" });
        var token = cluster.Tokens.Issue(Guid.NewGuid(), TimeSpan.FromHours(1));
        var someoneElse = cluster.Tokens.Issue(Guid.NewGuid(), TimeSpan.FromHours(1));

        // One connection through each node: the person holds the cap of two between them.
        await using var first = Admitted(await ConnectAsync(cluster, 0, token));
        await using var second = Admitted(await ConnectAsync(cluster, 1, token));

        // A third is refused through either node, though each holds only one.
        foreach (var gateway in new[] { 0, 1 })
        {
            var (extra, refusal) = await ConnectAsync(cluster, gateway, token);
            await using (extra)
            {
                Assert.True(refusal is not null, $"A third connection through gateway {gateway} was let in: the cap is counted per node.");
                Assert.Contains(RateLimited, refusal, StringComparison.Ordinal);
            }
        }

        Assert.Equal(HubConnectionState.Connected, first.State);
        Assert.Equal(HubConnectionState.Connected, second.State);

        // The cap is the person's: someone else connects as usual.
        await using var other = Admitted(await ConnectAsync(cluster, 0, someoneElse));

        // Closing the connection on the first node frees its slot on the second; then the cap holds again.
        await first.StopAsync();
        var (replacement, _) = await Eventually.Until(
            () => ConnectAsync(cluster, 1, token), attempt => attempt.Refusal is null, Within, "a connection through the second node after one closed on the first");
        await using (replacement)
        {
            var (over, refusal) = await ConnectAsync(cluster, 0, token);
            await using (over)
            {
                Assert.Contains(RateLimited, refusal ?? "a fourth connection was let in", StringComparison.Ordinal);
            }
        }
    }

    private static HubConnection Admitted((HubConnection Connection, string? Refusal) attempt)
    {
        Assert.True(attempt.Refusal is null, $"The connection was refused: {attempt.Refusal}");
        return attempt.Connection;
    }

    /// <summary>
    /// A real SignalR client through <paramref name="gateway"/>, and the reason it was refused (null when it was let in).
    /// A hub call is answered only after the hub let the connection in (SignalR runs the hub's OnConnectedAsync first),
    /// so the call's answer tells the two apart without waiting for a close that may not come.
    /// </summary>
    private static async Task<(HubConnection Connection, string? Refusal)> ConnectAsync(Cluster cluster, int gateway, string token)
    {
        var connection = Client.Live.LiveConnection.Build(cluster.Gateways[gateway].Address, _ => ValueTask.FromResult(token));
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += e =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };
        try
        {
            await connection.StartAsync();
            await connection.InvokeAsync(nameof(IProjectHub.Leave), Guid.NewGuid());
            return (connection, null);
        }
        catch (Exception e) when (e is HubException or InvalidOperationException or OperationCanceledException or IOException)
        {
            var error = await closed.Task.WaitAsync(Within);
            await connection.DisposeAsync();
            return (connection, error?.Message ?? e.Message);
        }
    }
}
