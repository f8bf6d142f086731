using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace CoProduce.LiveBench.Clients;

/// <summary>
/// A SignalR client reduced to what the bench needs, so thousands fit in one process on two cores: the
/// JSON protocol over one WebSocket (no negotiate), one invocation at a time, and a count of the pushed
/// messages that contain the marker, with the time the last one arrived.
/// </summary>
public sealed class LightClient : IAsyncDisposable
{
    private const byte Separator = 0x1e;
    private static readonly byte[] Marker = "tallyChanged"u8.ToArray();
    private static readonly byte[] Handshake = Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e");
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");

    private readonly ClientWebSocket _socket;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly TaskCompletionSource _handshaken = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[] _buffer = new byte[4096];
    private int _filled;
    private bool _handshakeDone;
    private TaskCompletionSource<string?>? _pending;
    private int _nextId;
    private Task _receiving = Task.CompletedTask;
    private int _marked;
    private long _markedAt;

    private LightClient(ClientWebSocket socket) => _socket = socket;

    /// <summary>How many marked messages arrived.</summary>
    public int Marked => Volatile.Read(ref _marked);

    /// <summary>The <see cref="Stopwatch"/> timestamp at which the last marked message arrived.</summary>
    public long MarkedAt => Volatile.Read(ref _markedAt);

    /// <summary>The size on the wire of the last marked message, its separator included.</summary>
    public int MarkedBytes { get; private set; }

    /// <summary>Why the server closed the connection, if it did.</summary>
    public string? Closed { get; private set; }

    public static async Task<LightClient> ConnectAsync(Uri hub, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        var client = new LightClient(socket);
        try
        {
            await socket.ConnectAsync(hub, cancellationToken);
            client._receiving = Task.Run(client.ReceiveAsync, CancellationToken.None);
            await client.SendAsync(Handshake);
            await client._handshaken.Task.WaitAsync(cancellationToken);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Calls a hub method with the arguments (already JSON, without brackets) and waits for its completion.</summary>
    public async Task InvokeAsync(string target, string argumentsJson, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Interlocked.CompareExchange(ref _pending, done, null) is not null)
        {
            throw new InvalidOperationException("One invocation at a time.");
        }

        var id = Interlocked.Increment(ref _nextId);
        await SendAsync(Encoding.UTF8.GetBytes(
            $"{{\"type\":1,\"invocationId\":\"{id}\",\"target\":\"{target}\",\"arguments\":[{argumentsJson}]}}\u001e"));
        var error = await done.Task.WaitAsync(cancellationToken);
        if (error is not null)
        {
            throw new InvalidOperationException($"{target} failed: {error}");
        }
    }

    /// <summary>Tells the server this client is alive (it closes silent connections after 30 seconds).</summary>
    public Task PingAsync() => SendAsync(Ping);

    private async Task SendAsync(byte[] message)
    {
        await _sending.WaitAsync();
        try
        {
            await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task ReceiveAsync()
    {
        try
        {
            while (true)
            {
                if (_filled == _buffer.Length)
                {
                    Array.Resize(ref _buffer, _buffer.Length * 2);
                }

                var received = await _socket.ReceiveAsync(_buffer.AsMemory(_filled), CancellationToken.None);
                var at = Stopwatch.GetTimestamp();
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    Fail(Closed ??= $"closed: {_socket.CloseStatus} {_socket.CloseStatusDescription}");
                    return;
                }

                _filled += received.Count;
                if (received.EndOfMessage)
                {
                    Consume(at);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            Fail(Closed ??= e.Message);
        }
    }

    /// <summary>Handles every whole message in the buffer and keeps the rest.</summary>
    private void Consume(long at)
    {
        var start = 0;
        while (true)
        {
            var end = Array.IndexOf(_buffer, Separator, start, _filled - start);
            if (end < 0)
            {
                break;
            }

            Handle(_buffer.AsSpan(start, end - start), at);
            start = end + 1;
        }

        _buffer.AsSpan(start, _filled - start).CopyTo(_buffer);
        _filled -= start;
        if (_filled == 0 && _buffer.Length > 64 * 1024)
        {
            _buffer = new byte[4096];
        }
    }

    private void Handle(ReadOnlySpan<byte> message, long at)
    {
        if (!_handshakeDone)
        {
            _handshakeDone = true;
            if (message.SequenceEqual("{}"u8))
            {
                _handshaken.TrySetResult();
            }
            else
            {
                _handshaken.TrySetException(new InvalidOperationException($"Handshake refused: {Encoding.UTF8.GetString(message)}"));
            }

            return;
        }

        if (message.StartsWith("{\"type\":1,"u8) && message.IndexOf(Marker) >= 0)
        {
            MarkedBytes = message.Length + 1;
            Volatile.Write(ref _markedAt, at);
            Interlocked.Increment(ref _marked);
        }
        else if (message.StartsWith("{\"type\":3,"u8))
        {
            Interlocked.Exchange(ref _pending, null)?.TrySetResult(ErrorOf(message));
        }
        else if (message.StartsWith("{\"type\":7"u8))
        {
            Closed = Encoding.UTF8.GetString(message);
        }
    }

    /// <summary>The completion's top-level "error" member, or null when the call succeeded.</summary>
    private static string? ErrorOf(ReadOnlySpan<byte> completion)
    {
        var reader = new Utf8JsonReader(completion);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isError = reader.ValueTextEquals("error"u8);
            reader.Read();
            if (isError)
            {
                return reader.GetString();
            }

            reader.Skip();
        }

        return null;
    }

    private void Fail(string why)
    {
        _handshaken.TrySetException(new InvalidOperationException(why));
        Interlocked.Exchange(ref _pending, null)?.TrySetResult(why);
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        await _receiving;
        _socket.Dispose();
        _sending.Dispose();
    }
}
