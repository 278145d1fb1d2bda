using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;

namespace OrleansBots.Client;

/// <summary>
/// An SSE endpoint followed for as long as the caller reads: when the connection drops, the server ends the stream
/// (a <c>closed</c> event: too slow, or shutting down) or the network fails, it reconnects with <c>Last-Event-ID</c> set
/// to the last event id seen, so the server resumes after it. Waits between attempts grow from half a second to
/// <see cref="MaxReconnectDelay"/> and start over after an event arrives. A refusal (401, 404) ends the stream with
/// its typed exception; <c>ping</c> events are not passed on.
/// </summary>
internal sealed class ResumableEventStream(ApiConnection api, string path)
{
    public static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan FirstReconnectDelay = TimeSpan.FromMilliseconds(500);

    public async IAsyncEnumerable<SseItem<string>> ReadAsync(string? lastEventId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var delay = FirstReconnectDelay;
        while (true)
        {
            await using var events = ConnectAsync(lastEventId, cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                SseItem<string> item;
                try
                {
                    if (!await events.MoveNextAsync())
                    {
                        break;
                    }

                    item = events.Current;
                }
                catch (Exception dropped) when (IsDropped(dropped) && !cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                if (item.ReconnectionInterval is { } interval)
                {
                    delay = interval;
                }

                if (item.EventType is "ping")
                {
                    continue;
                }

                if (item.EventType is "closed")
                {
                    // The server ends the stream; the next connection resumes after the last event.
                    break;
                }

                delay = FirstReconnectDelay;
                if (item.EventId is { Length: > 0 } id)
                {
                    lastEventId = id;
                }

                yield return item;
            }

            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxReconnectDelay.Ticks));
        }
    }

    private async IAsyncEnumerable<SseItem<string>> ConnectAsync(string? lastEventId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await api.SendForContentAsync(HttpMethod.Get, path, null, cancellationToken, HttpCompletionOption.ResponseHeadersRead, request =>
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            if (lastEventId is not null)
            {
                request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
            }
        });
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(cancellationToken))
        {
            yield return item;
        }
    }

    // The connection failed or was cut; a refusal of the platform (an OrleansBotsApiException other than 5xx) is not.
    private static bool IsDropped(Exception error) => error switch
    {
        OrleansBotsApiException refused => (int)refused.StatusCode >= 500,
        HttpRequestException or IOException => true,
        OperationCanceledException => true,
        _ => false,
    };
}
