using OrleansBots.Chat;

namespace OrleansBots.Feeds;

/// <summary>
/// Keeps one feed connected until stopped: connects, sends the subscription (again after every reconnect), hands
/// each message over, and after a drop waits <see cref="FeedOptions.ReconnectDelay"/> (WEBSOCKET_RECONNECT), doubled
/// per failed attempt up to the maximum, with jitter; a connection that lasted 30 s starts the sequence again.
/// Run from one grain's activation (its callbacks run there, one at a time).
/// </summary>
public sealed class FeedLoop(string feed, FeedOptions options, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan HealthyAfter = TimeSpan.FromSeconds(30);

    private CancellationTokenSource? _stopping;
    private Task? _running;

    public bool Connected { get; private set; }

    public int Connections { get; private set; }

    /// <summary>Whether the loop runs (connected or waiting to reconnect).</summary>
    public bool Running => _running is { IsCompleted: false };

    /// <param name="connected">Called after each connection is made and subscribed, with its number (1 for the first).</param>
    public void Start(Uri url, string subscription, Func<string, Task> message, Action<int> connected)
    {
        _stopping = new CancellationTokenSource();
        _running = RunAsync(url, subscription, message, connected, _stopping.Token);
    }

    /// <summary>Closes the connection and ends the loop.</summary>
    public async Task StopAsync()
    {
        if (_stopping is not null && _running is not null)
        {
            _stopping.Cancel();
            await _running;
        }
    }

    private async Task RunAsync(Uri url, string subscription, Func<string, Task> message, Action<int> connected, CancellationToken stopping)
    {
        var backoff = new ReconnectBackoff(options.ReconnectDelay, options.ReconnectMaxDelay, options.ReconnectJitter, HealthyAfter);
        while (!stopping.IsCancellationRequested)
        {
            var connectedAt = time.GetUtcNow();
            var lasted = TimeSpan.Zero;
            try
            {
                await using var connection = new FeedConnection();
                await connection.ConnectAsync(url, options.PingInterval, stopping);
                await connection.SendAsync(subscription, stopping);
                (Connected, connectedAt) = (true, time.GetUtcNow());
                connected(++Connections);
                logger.LogInformation("Feed {Feed} connected to {Host} (connection #{Connections})", feed, url.Host, Connections);
                while (await connection.ReceiveAsync(stopping) is { } text)
                {
                    await message(text);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                logger.LogWarning("Feed {Feed} lost its connection: {Error}", feed, error.Message);
            }
            finally
            {
                if (Connected)
                {
                    lasted = time.GetUtcNow() - connectedAt;
                }

                Connected = false;
            }

            try
            {
                await Task.Delay(backoff.Next(lasted), time, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
