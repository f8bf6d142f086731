using CoProduce.Grains.Live;

namespace CoProduce.Grains.Tests.Cluster;

/// <summary>
/// One person's live connections counted across gateway nodes by one grain, asked through both silos as two nodes
/// would: a node's slots hold while its lease runs, a closed connection frees its slot at once, and the slots of a node
/// that stopped renewing (it died without closing its connections) are free once its lease has run out on the silos'
/// clock. No state is stored, so SQLite only.
/// </summary>
[Collection(SqliteDomainClusterCollection.Name)]
public sealed class PersonConnectionsTests(SqliteDomainCluster cluster)
{
    private const int Cap = 2;

    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AnExpiredLeaseFreesTheSlotsOfANodeThatStoppedRenewing()
    {
        var person = Guid.NewGuid();
        var (first, second) = (cluster.Silos[0].GetGrain<IPersonConnectionsGrain>(person), cluster.Silos[1].GetGrain<IPersonConnectionsGrain>(person));
        try
        {
            Assert.True(await first.Open("node-1", "a", Cap, Lease));
            Assert.True(await first.Open("node-1", "b", Cap, Lease));
            Assert.False(await second.Open("node-2", "c", Cap, Lease));

            // A close frees its slot at once, for any node.
            await first.Close("node-1", "b");
            Assert.True(await second.Open("node-2", "c", Cap, Lease));
            Assert.False(await second.Open("node-2", "d", Cap, Lease));

            // Node 1 dies holding "a" and renews no more; node 2 renews. Within node 1's lease its slot still counts.
            cluster.Clock.Advance(Lease / 2);
            await second.Renew("node-2", ["c"], Lease);
            Assert.False(await second.Open("node-2", "d", Cap, Lease));
            Assert.Equal(2, await second.Held());

            // Once node 1's lease has run out its slot is free; node 2's, renewed, still count.
            cluster.Clock.Advance((Lease / 2) + TimeSpan.FromSeconds(1));
            Assert.Equal(1, await first.Held());
            Assert.True(await second.Open("node-2", "d", Cap, Lease));
            Assert.False(await second.Open("node-2", "e", Cap, Lease));
            Assert.Equal(2, await first.Held());
        }
        finally
        {
            cluster.Clock.Reset();
        }
    }

    [Fact]
    public async Task AConnectionARenewalNoLongerListsStopsCountingUnlessItOpenedSinceThePreviousRenewal()
    {
        var person = Guid.NewGuid();
        var connections = cluster.Silos[1].GetGrain<IPersonConnectionsGrain>(person);
        try
        {
            await connections.Renew("node-1", [], Lease);
            cluster.Clock.Advance(TimeSpan.FromSeconds(1));
            Assert.True(await connections.Open("node-1", "a", Cap, Lease));

            // This renewal's list may have been taken before "a" opened: "a" still counts.
            cluster.Clock.Advance(TimeSpan.FromSeconds(1));
            await connections.Renew("node-1", [], Lease);
            Assert.Equal(1, await connections.Held());

            // The next one does not list it either: its close was lost, and it counts no more.
            cluster.Clock.Advance(TimeSpan.FromSeconds(1));
            await connections.Renew("node-1", [], Lease);
            Assert.Equal(0, await connections.Held());
        }
        finally
        {
            cluster.Clock.Reset();
        }
    }
}
