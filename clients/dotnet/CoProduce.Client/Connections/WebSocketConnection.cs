using System.IO.Pipelines;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace CoProduce.Client.Connections;

/// <summary>
/// A SignalR transport over one <see cref="ClientWebSocket"/>: what the hub connection writes goes out as
/// text frames, what arrives is handed to it; when either side closes, the other is told.
/// </summary>
internal sealed class WebSocketConnection : ConnectionContext
{
    private readonly ClientWebSocket _socket;
    private readonly Pipe _incoming = new();
    private readonly Pipe _outgoing = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiving;
    private readonly Task _sending;

    public WebSocketConnection(ClientWebSocket socket)
    {
        _socket = socket;
        Transport = new DuplexPipe(_incoming.Reader, _outgoing.Writer);
        _receiving = Task.Run(ReceiveAsync);
        _sending = Task.Run(SendAsync);
    }

    public override string ConnectionId { get; set; } = Guid.NewGuid().ToString("N");

    public override IFeatureCollection Features { get; } = new FeatureCollection();

    public override IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();

    public override IDuplexPipe Transport { get; set; }

    private async Task ReceiveAsync()
    {
        Exception? error = null;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var memory = _incoming.Writer.GetMemory(4096);
                var received = await _socket.ReceiveAsync(memory, _stop.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                _incoming.Writer.Advance(received.Count);
                if (received.EndOfMessage)
                {
                    var flushed = await _incoming.Writer.FlushAsync(_stop.Token);
                    if (flushed.IsCompleted)
                    {
                        break;
                    }
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            error = e is OperationCanceledException ? null : e;
        }

        await _incoming.Writer.CompleteAsync(error);
    }

    private async Task SendAsync()
    {
        try
        {
            while (true)
            {
                var read = await _outgoing.Reader.ReadAsync(_stop.Token);
                foreach (var segment in read.Buffer)
                {
                    await _socket.SendAsync(segment, WebSocketMessageType.Text, endOfMessage: true, _stop.Token);
                }

                _outgoing.Reader.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted)
                {
                    break;
                }
            }

            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The socket is gone; the receiving side reports it.
        }

        await _outgoing.Reader.CompleteAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await _outgoing.Writer.CompleteAsync();
        await _stop.CancelAsync();
        _socket.Abort();
        await Task.WhenAll(_receiving, _sending);
        _socket.Dispose();
        _stop.Dispose();
        await base.DisposeAsync();
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
