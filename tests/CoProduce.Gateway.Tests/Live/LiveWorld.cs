using CoProduce.Client.Live;
using CoProduce.Gateway.Tests.Agenda;
using CoProduce.Journal.Storage;
using CoProduce.Live;
using CoProduce.Testing.Processes;
using CoProduce.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CoProduce.Gateway.Tests.Live;

/// <summary>
/// The gateway on a real Kestrel server on a loopback port, a project with someone in every position,
/// and live sessions opened with the .NET SDK over real WebSockets.
/// </summary>
public sealed class LiveWorld : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly Dictionary<LiveSession, EventLog> _logs = [];

    private LiveWorld(GatewayApplication app, AgendaProject people, Uri address)
    {
        App = app;
        People = people;
        Address = address;
    }

    public GatewayApplication App { get; }

    public AgendaProject People { get; }

    public Uri Address { get; }

    public Guid ProjectId => People.ProjectId;

    /// <summary>Reconnects quickly, so a test that cuts connections waits little.</summary>
    public static IRetryPolicy QuickRetry { get; } = new KeepRetrying { Longest = TimeSpan.FromMilliseconds(200) };

    public static async Task<LiveWorld> Create(
        ITestDatabase database,
        IReadOnlyDictionary<string, string?>? settings = null,
        TimeProvider? clock = null,
        Func<IGrainStorage, IGrainStorage>? decorateStorage = null,
        Action<IServiceCollection>? services = null)
    {
        var app = new GatewayApplication(database, settings, decorateStorage, configureServices: s =>
        {
            if (clock is not null)
            {
                s.AddSingleton(clock);
            }

            services?.Invoke(s);
        });
        var port = FreePort.Next();
        app.UseKestrel(port);
        app.StartServer();
        var world = new LiveWorld(app, await AgendaProject.Create(app), new Uri($"http://127.0.0.1:{port}"));
        return world;
    }

    /// <summary>
    /// A fresh gateway (on <paramref name="settings"/>) over a project made earlier by another gateway on the same
    /// database, so that what the new one does (and exports) starts with the live session, not with the setup.
    /// </summary>
    public static LiveWorld Serve(ITestDatabase database, AgendaProject people, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var app = new GatewayApplication(database, settings);
        var port = FreePort.Next();
        app.UseKestrel(port);
        app.StartServer();
        return new LiveWorld(app, people, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>Joins the project's session as <paramref name="person"/>.</summary>
    public Task<LiveSession> Join(Guid person, Guid? actingWith = null, IReadOnlyList<string>? accessNeeds = null, long? after = null) =>
        Join(Address, person, actingWith, accessNeeds, after);

    public async Task<LiveSession> Join(Uri address, Guid person, Guid? actingWith = null, IReadOnlyList<string>? accessNeeds = null, long? after = null)
    {
        var token = App.TokenFor(person);
        var log = new EventLog();
        var session = await LiveSession.ConnectAsync(
            address, _ => ValueTask.FromResult(token), new JoinRequest(ProjectId, after, actingWith, accessNeeds), QuickRetry, log.Add);
        _owned.Add(session);
        lock (_logs)
        {
            _logs[session] = log;
        }

        return session;
    }

    /// <summary>The SDK's typed HTTP client, signed in as <paramref name="person"/>, over the same Kestrel server.</summary>
    public Client.Http.CoProduceHttpClient Http(Guid person)
    {
        var token = App.TokenFor(person);
        var http = new HttpClient { BaseAddress = Address };
        _owned.Add(new Disposing(http));
        return new Client.Http.CoProduceHttpClient(http, _ => ValueTask.FromResult(token));
    }

    /// <summary>Everything <paramref name="session"/> received since it connected.</summary>
    public EventLog Log(LiveSession session)
    {
        lock (_logs)
        {
            return _logs[session];
        }
    }

    /// <summary>A connected hub connection that has not joined anything, as <paramref name="person"/>.</summary>
    public async Task<HubConnection> Connect(Guid person)
    {
        var connection = Unstarted(App.TokenFor(person));
        await connection.StartAsync();
        return connection;
    }

    /// <summary>A hub connection signed in with <paramref name="token"/>, not started (so a test can watch it from the start).</summary>
    public HubConnection Unstarted(string token)
    {
        var connection = LiveConnection.Build(Address, _ => ValueTask.FromResult(token), ProjectId);
        _owned.Add(connection);
        return connection;
    }

    /// <summary>Completes with the connection's closing error (null for a clean close) when it closes.</summary>
    public static Task<Exception?> ClosedOf(HubConnection connection)
    {
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += e =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };
        return closed.Task;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            await owned.DisposeAsync();
        }

        await App.DisposeAsync();
    }

    private sealed class Disposing(IDisposable inner) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            inner.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
