using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections.Features;
using OrleansBots.Contracts;

namespace OrleansBots.Silo.Api;

/// <summary>
/// One live SSE connection: events wait in a bounded channel between the Orleans stream (which never waits for the
/// reader) and the response. A reader that falls <c>Events:ConnectionBuffer</c> events behind is dropped: it gets a
/// <c>closed</c> event saying why instead of the events it could not keep up with, and a reader that does not even
/// take that within <see cref="CloseGrace"/> is cut off. So memory per connection is bounded, whatever the reader does.
/// A <c>ping</c> event is sent when nothing else was for <c>Events:Heartbeat</c>, so proxies keep the connection open.
/// The connection's socket gets a send buffer of <see cref="SocketSendBuffer"/>: left to the kernel's autotuning it
/// grows to megabytes, which a stalled reader would hold in kernel memory and which would hide its stall for as long.
/// </summary>
public sealed class EventConnection : IDisposable
{
    public const string SlowReader = "slow_reader";
    public const string ShuttingDown = "shutting_down";

    /// <summary>Bytes the kernel may hold for one event reader: hundreds of events, ample for a stream of small ones.</summary>
    public const int SocketSendBuffer = 64 * 1024;

    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(5);

    private readonly Channel<SseItem<string>> _channel;
    private readonly HttpContext _http;
    private readonly TimeSpan _heartbeat;
    private readonly CancellationTokenRegistration _stopping;
    private string? _closeReason;
    private int _finished;

    public EventConnection(HttpContext http, int buffer, TimeSpan heartbeat, IHostApplicationLifetime lifetime)
    {
        _http = http;
        _heartbeat = heartbeat;
        _channel = Channel.CreateBounded<SseItem<string>>(new BoundedChannelOptions(buffer) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _stopping = lifetime.ApplicationStopping.Register(() => Close(ShuttingDown));
        BoundSendBuffer(http);
    }

    // HTTP/1.x only: an HTTP/2 connection's socket carries other requests, whose throughput the bound would cap.
    private static void BoundSendBuffer(HttpContext http)
    {
        if (HttpProtocol.IsHttp11(http.Request.Protocol) || HttpProtocol.IsHttp10(http.Request.Protocol))
        {
            if (http.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket)
            {
                socket.SendBufferSize = SocketSendBuffer;
            }
        }
    }

    /// <summary>Queues an event for the reader; false when the reader is gone or was dropped for being too slow.</summary>
    public bool Post<T>(string type, T data, string? id = null)
    {
        if (_channel.Writer.TryWrite(new SseItem<string>(JsonSerializer.Serialize(data, ApiJson.Options), type) { EventId = id }))
        {
            return true;
        }

        Close(SlowReader);
        return false;
    }

    /// <summary>Ends the stream with a <c>closed</c> event giving <paramref name="reason"/>; the first reason wins.</summary>
    public void Close(string reason)
    {
        if (Interlocked.CompareExchange(ref _closeReason, reason, null) is null)
        {
            _channel.Writer.TryComplete();
            _ = CutOffLaterAsync();
        }
    }

    /// <summary>What the response writes: the queued events, pings while idle, and the closing event.</summary>
    public async IAsyncEnumerable<SseItem<string>> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            // The answer's headers go out now, not with the first event or ping (up to Events:Heartbeat later): the
            // client, and any proxy between, knows at once that its stream is open.
            await _http.Response.Body.FlushAsync(cancellationToken);
            await foreach (var item in ReadQueuedAsync(cancellationToken))
            {
                yield return item;
            }

            if (_closeReason is { } reason)
            {
                yield return new SseItem<string>(JsonSerializer.Serialize(new StreamClosedView(reason, Explain(reason)), ApiJson.Options), "closed");
            }
        }
        finally
        {
            Volatile.Write(ref _finished, 1);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async IAsyncEnumerable<SseItem<string>> ReadQueuedAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = _channel.Reader;
        while (_closeReason is null)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            idle.CancelAfter(_heartbeat);
            bool? more;
            try
            {
                more = await reader.WaitToReadAsync(idle.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                more = null;
            }

            if (more is null)
            {
                yield return new SseItem<string>(string.Empty, "ping");
                continue;
            }

            if (more == false)
            {
                break;
            }

            // Events still queued when the reader was dropped are not sent: the closing event goes first.
            while (_closeReason is null && reader.TryRead(out var item))
            {
                yield return item;
            }
        }
    }

    private static string Explain(string reason) => reason switch
    {
        SlowReader => "The reader fell too far behind (Events:ConnectionBuffer events waiting); reconnect with Last-Event-ID to resume.",
        _ => "The server is shutting down; reconnect (to another silo) with Last-Event-ID to resume.",
    };

    private async Task CutOffLaterAsync()
    {
        await Task.Delay(CloseGrace);
        if (Volatile.Read(ref _finished) == 0)
        {
            _http.Abort();
        }
    }
}
