using CoProduce.Journal.Storage;
using CoProduce.Runtime.State;
using CoProduce.Testing;
using Microsoft.Extensions.Configuration;

namespace CoProduce.Runtime.Tests.Storage;

/// <summary>
/// A state write that carries journal events: state and events are written together or not at all,
/// whether the database does it in one statement (PostgreSQL) or a transaction (SQLite, and PostgreSQL
/// past one statement's row limit).
/// </summary>
public abstract class StateWriteWithJournalTests(ITestDatabase database) : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 9, 15, 0, TimeSpan.Zero);

    private readonly string _grain = Guid.NewGuid().ToString("N");

    protected AdoGrainStorage Storage { get; } = StorageTarget.From(StorageOptions.FromConfiguration(
        new ConfigurationBuilder().AddInMemoryCollection(database.StorageSettings).Build())).CreateStorage(null);

    private StateKey Key => new("decision", _grain, "state");

    public Task InitializeAsync() => Storage.MigrateAsync(CancellationToken.None);

    public async Task DisposeAsync() => await Storage.DisposeAsync();

    [Fact]
    public async Task StateAndEventsAreWrittenTogether()
    {
        var first = await Write("""{"votes":0}""", null);

        var second = await Write("""{"votes":2}""", first, Events(1, 2));

        Assert.Equal("2", second);
        Assert.Equal("""{"votes":2}""", (await Storage.ReadStateAsync(Key, CancellationToken.None))?.Json);
        var journal = await Journal();
        Assert.Equal([1L, 2L], journal.Select(e => e.Sequence));
        Assert.Equal(["Voted", "Voted"], journal.Select(e => e.Type));
        Assert.Equal(["""{"n":1}""", """{"n":2}"""], journal.Select(e => e.Json));
        Assert.Equal([At.AddSeconds(1), At.AddSeconds(2)], journal.Select(e => e.RecordedAt));
    }

    [Fact]
    public async Task AStaleEtagWritesNeitherStateNorEvents()
    {
        var first = await Write("""{"votes":0}""", null);
        await Write("""{"votes":1}""", first, Events(1));
        var before = await database.DumpAsync();

        var refused = await Assert.ThrowsAsync<InconsistentStateException>(() => Write("""{"votes":9}""", first, Events(2, 3)));

        Assert.Contains("is no longer at ETag '1'", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await database.DumpAsync());
        Assert.Equal([1L], (await Journal()).Select(e => e.Sequence));
    }

    [Fact]
    public async Task ATakenSequenceWritesNeitherStateNorEvents()
    {
        var first = await Write("""{"votes":1}""", null, Events(1));
        var before = await database.DumpAsync();

        var refused = await Assert.ThrowsAsync<InconsistentStateException>(() => Write("""{"votes":9}""", first, Events(2, 1)));

        Assert.Contains("Journal sequence already taken", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await database.DumpAsync());
        // The ETag is still good: the refused write left the version where it was.
        Assert.Equal("2", await Write("""{"votes":2}""", first, Events(2)));
        Assert.Equal([1L, 2L], (await Journal()).Select(e => e.Sequence));
    }

    [Fact]
    public async Task AFirstWriteCarriesItsEvents()
    {
        var etag = await Write("""{"votes":1}""", null, Events(1));

        Assert.Equal("1", etag);
        Assert.Equal("""{"votes":1}""", (await Storage.ReadStateAsync(Key, CancellationToken.None))?.Json);
        Assert.Equal([1L], (await Journal()).Select(e => e.Sequence));
    }

    [Fact]
    public async Task AFirstWriteOverAStoredStateWritesNothing()
    {
        await Write("""{"votes":1}""", null, Events(1));
        var before = await database.DumpAsync();

        var refused = await Assert.ThrowsAsync<InconsistentStateException>(() => Write("""{"votes":9}""", null, Events(2)));

        Assert.Contains("was expected not to exist", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await database.DumpAsync());
    }

    [Fact]
    public async Task AClearCarriesItsEventsAndStillRefusesAStaleWriter()
    {
        var first = await Write("""{"votes":1}""", null, Events(1));

        var cleared = await Write(null, first, Events(2));

        Assert.Equal("2", cleared);
        var stored = await Storage.ReadStateAsync(Key, CancellationToken.None);
        Assert.Null(stored?.Json);
        Assert.Equal("2", stored?.Etag);
        Assert.Equal([1L, 2L], (await Journal()).Select(e => e.Sequence));
        var before = await database.DumpAsync();
        await Assert.ThrowsAsync<InconsistentStateException>(() => Write("""{"votes":9}""", first, Events(3)));
        Assert.Equal(before, await database.DumpAsync());
    }

    [Fact]
    public async Task MoreEventsThanOneStatementHoldsAreWrittenTogether()
    {
        var count = JournalInsertSql.MaxRows + 10;
        var first = await Write("""{"votes":0}""", null);

        await Write("""{"votes":266}""", first, Events(Enumerable.Range(1, count).ToArray()));

        var journal = await Journal();
        Assert.Equal(Enumerable.Range(1, count).Select(i => (long)i), journal.Select(e => e.Sequence));
        Assert.Equal("""{"votes":266}""", (await Storage.ReadStateAsync(Key, CancellationToken.None))?.Json);
    }

    [Fact]
    public async Task MoreEventsThanOneStatementHoldsWriteNothingOnAClashPastTheFirstStatement()
    {
        var count = JournalInsertSql.MaxRows + 10;
        var first = await Write("""{"votes":0}""", null);
        // Taken by an event that would go in the second statement; the first statement's rows are free.
        await Storage.AppendJournalAsync(Events(JournalInsertSql.MaxRows + 5), CancellationToken.None);
        var before = await database.DumpAsync();

        var refused = await Assert.ThrowsAsync<InconsistentStateException>(
            () => Write("""{"votes":9}""", first, Events(Enumerable.Range(1, count).ToArray())));

        Assert.Contains("Journal sequence already taken", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await database.DumpAsync());
    }

    [Fact]
    public async Task MoreEventsThanOneStatementHoldsWriteNothingOnAStaleEtag()
    {
        var first = await Write("""{"votes":0}""", null);
        await Write("""{"votes":1}""", first);
        var before = await database.DumpAsync();

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Write("""{"votes":9}""", first, Events(Enumerable.Range(1, JournalInsertSql.MaxRows + 1).ToArray())));

        Assert.Equal(before, await database.DumpAsync());
    }

    [Fact]
    public async Task RepeatedWritesKeepTheirMeaningOnceTheStatementIsPrepared()
    {
        // Npgsql auto-prepares a statement after five runs; the refusals must hold on the prepared one too.
        var etag = await Write("""{"votes":0}""", null);
        for (var vote = 1; vote <= 10; vote++)
        {
            etag = await Write($$"""{"votes":{{vote}}}""", etag, Events(vote));
        }

        var before = await database.DumpAsync();
        await Assert.ThrowsAsync<InconsistentStateException>(() => Write("""{"votes":99}""", "5", Events(11)));
        await Assert.ThrowsAsync<InconsistentStateException>(() => Write("""{"votes":99}""", etag, Events(10)));
        Assert.Equal(before, await database.DumpAsync());
        Assert.Equal("12", await Write("""{"votes":11}""", etag, Events(11)));
        Assert.Equal(Enumerable.Range(1, 11).Select(i => (long)i), (await Journal()).Select(e => e.Sequence));
    }

    protected Task<string> Write(string? json, string? etag, params JournalAppend[] events) =>
        Storage.WriteStateAsync(Key, json, etag, events, CancellationToken.None);

    protected JournalAppend[] Events(params int[] sequences) =>
        [.. sequences.Select(s => new JournalAppend("decision", _grain, s, "Voted", $$"""{"n":{{s}}}""", At.AddSeconds(s)))];

    private Task<IReadOnlyList<Events.GrainEvent>> Journal() =>
        Storage.ReadJournalAsync("decision", _grain, 0, 10_000, CancellationToken.None);
}

public sealed class SqliteStateWriteWithJournalTests(SqliteDatabase database)
    : StateWriteWithJournalTests(database), IClassFixture<SqliteDatabase>;

public sealed class PostgresStateWriteWithJournalTests(PostgresDatabase database)
    : StateWriteWithJournalTests(database), IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task AWriteWithEventsIsOneCommand()
    {
        var first = await Write("""{"votes":0}""", null);
        using var recorder = new CommandRecorder();

        await Write("""{"votes":1}""", first, Events(1));

        Assert.Single(recorder.Commands);
    }

    [Fact]
    public async Task AWriteWithMoreEventsThanOneStatementHoldsTakesATransaction()
    {
        var first = await Write("""{"votes":0}""", null);
        using var recorder = new CommandRecorder();

        await Write("""{"votes":1}""", first, Events(Enumerable.Range(1, JournalInsertSql.MaxRows + 1).ToArray()));

        // The state write and two journal INSERTs.
        Assert.Equal(3, recorder.Commands.Count);
    }
}
