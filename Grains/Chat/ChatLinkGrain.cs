using System.Globalization;
using OrleansBots.Bots;
using OrleansBots.Market;
using OrleansBots.Storage;

namespace OrleansBots.Chat;

/// <summary>
/// A chat bot in its channel: the one IRC-over-WebSocket connection of the bot in the cluster (PASS/NICK/JOIN,
/// PING/PONG, reconnect with backoff), its viewers' commands through <see cref="CommandCooldowns"/>, their questions
/// through the <see cref="QuestionQueue"/> to the <see cref="ModelClient"/>, and its replies through the account's
/// cluster-wide <see cref="IChatAccountGrain"/> send budget; each reply sent goes to the bot's grain, which stores it
/// in its history and publishes it as its event. The connection's read loop, the send loop and the answers
/// run as tasks of this activation (one thread at a time, interleaving only at awaits), so the plain classes need no
/// locks. The bot's grain calls <see cref="Keep"/> while it runs, which brings the link back on a surviving silo.
/// </summary>
public sealed class ChatLinkGrain(
    [PersistentState(StateNames.ChatLink, StateNames.Store)] IPersistentState<ChatLinkState> state,
    IOptions<ChatOptions> options,
    CredentialProtector protector,
    ModelClient models,
    IMarketData market,
    TimeProvider time,
    ILogger<ChatLinkGrain> logger) : Grain, IChatLinkGrain
{
    private static readonly TimeSpan HealthyAfter = TimeSpan.FromSeconds(30);

    private readonly ChatOptions _options = options.Value;
    private readonly Queue<(string Line, ChatReply Reply)> _outbox = new();
    private readonly SemaphoreSlim _outboxSignal = new(0, 1);
    private CommandCooldowns? _cooldowns;
    private QuestionQueue? _questions;
    private BotInfo? _bot;
    private CancellationTokenSource? _stopping;
    private Task? _running;
    private IGrainTimer? _housekeeping;

    private bool _joined;
    private bool _moderator;
    private int _connections;
    private long _messagesIn;
    private long _messagesOut;
    private long _refused;
    private long _answered;
    private long _queued;
    private long _turnedAway;
    private long _expired;
    private string? _lastError;

    private ChatLinkState Link => state.State;

    private string BotId => this.GetPrimaryKeyString();

    private CommandCooldowns Cooldowns => _cooldowns ??= new(_options.SenderCooldown, _options.SenderHourlyQuota, _options.CommandCooldown, time);

    private QuestionQueue Questions => _questions ??= new(Link.MaxConcurrentUsers ?? _options.MaxConcurrentUsers, _options.QueueLength, _options.QueueWaitLimit, time);

    private Uri Server => new(Link.ServerUrl ?? _options.ServerUrl);

    public async Task<ChatLinkView> Configure(ChatLinkSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var wasRunning = _running is not null;
        await StopAsync();
        state.State = new ChatLinkState
        {
            Channel = "#" + settings.Channel.TrimStart('#').ToLowerInvariant(),
            Nick = settings.Nick.ToLowerInvariant(),
            SealedToken = protector.Protect(settings.Token, BotId),
            ServerUrl = settings.ServerUrl,
            MaxConcurrentUsers = settings.MaxConcurrentUsers,
            ModelEndpoints = settings.ModelEndpoints.Select(e => new StoredModelEndpoint
            {
                Url = e.Url,
                Model = e.Model,
                SealedApiKey = e.ApiKey is { Length: > 0 } key ? protector.Protect(key, BotId) : null,
                RequestsPerSecond = e.RequestsPerSecond,
            }).ToList(),
        };
        await state.WriteStateAsync();
        _questions = null;
        logger.LogInformation("Chat bot {BotId} set to join {Channel} as {Nick}", BotId, Link.Channel, Link.Nick);
        if (wasRunning && _bot is not null)
        {
            Start();
        }

        return View();
    }

    public Task<ChatLinkView?> GetView() => Task.FromResult(Link.Configured ? View() : null);

    public Task Keep(BotInfo bot)
    {
        _bot = bot;
        if (Link.Configured && (_running is null || _running.IsCompleted))
        {
            Start();
        }

        return Task.CompletedTask;
    }

    public Task Close() => StopAsync();

    public async Task Forget()
    {
        await StopAsync();
        await state.ClearStateAsync();
        state.State = new ChatLinkState();
        DeactivateOnIdle();
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => StopAsync();

    private ChatLinkView View() => new(
        Link.Channel!,
        Link.Nick!,
        Link.SealedToken is not null,
        Link.ModelEndpoints.Select(e => new ModelEndpointView(e.Url, e.Model, e.SealedApiKey is not null, e.RequestsPerSecond)).ToList(),
        Server.ToString(),
        new ChatLinkStats(_joined, _running is null ? null : RuntimeIdentity, _connections, _messagesIn, _messagesOut, _refused, _answered, _queued, _turnedAway, _expired, _moderator, _lastError));

    private void Start()
    {
        _stopping = new CancellationTokenSource();
        _running = RunAsync(_stopping.Token);
        _housekeeping ??= this.RegisterGrainTimer(HousekeepAsync, new GrainTimerCreationOptions { DueTime = TimeSpan.FromSeconds(1), Period = TimeSpan.FromSeconds(1), KeepAlive = true });
    }

    private async Task StopAsync()
    {
        _housekeeping?.Dispose();
        _housekeeping = null;
        if (_stopping is null || _running is null)
        {
            return;
        }

        _stopping.Cancel();
        try
        {
            await _running;
        }
        finally
        {
            _stopping.Dispose();
            (_stopping, _running, _joined) = (null, null, false);
        }
    }

    /// <summary>Connects, serves the channel until the connection ends, and connects again after a backoff, until stopped.</summary>
    private async Task RunAsync(CancellationToken stopping)
    {
        var backoff = new ReconnectBackoff(_options.ReconnectDelay, _options.ReconnectMaxDelay, 0.2, HealthyAfter);
        while (!stopping.IsCancellationRequested)
        {
            var lasted = TimeSpan.Zero;
            try
            {
                lasted = await ServeOneConnectionAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                // Socket and protocol errors only: the token is never part of them.
                _lastError = error.Message;
                logger.LogWarning("Chat bot {BotId} lost {Channel}: {Error}", BotId, Link.Channel, error.Message);
            }

            _joined = false;
            var wait = backoff.Next(lasted);
            try
            {
                await Task.Delay(wait, time, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One connection: logs in, joins, answers until the server closes it; returns how long the bot was in the channel.</summary>
    private async Task<TimeSpan> ServeOneConnectionAsync(CancellationToken stopping)
    {
        var account = GrainFactory.GetGrain<IChatAccountGrain>(ChatAccountGrain.KeyOf(Server, Link.Nick!));
        await using var connection = new IrcConnection();
        await connection.ConnectAsync(Server, TimeSpan.FromSeconds(30), stopping);
        _connections++;
        await connection.SendAsync("CAP REQ :twitch.tv/tags twitch.tv/commands", stopping);
        await connection.SendAsync("PASS " + protector.Unprotect(Link.SealedToken!, BotId), stopping);
        await connection.SendAsync("NICK " + Link.Nick, stopping);
        await WaitForGrantAsync(account.TryJoin, stopping);
        await connection.SendAsync("JOIN " + Link.Channel, stopping);

        using var session = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var sending = SendLoopAsync(connection, account, session.Token);
        DateTimeOffset? joinedAt = null;
        try
        {
            while (await connection.ReadLineAsync(stopping) is { } line)
            {
                if (IrcMessage.Parse(line) is not { } message)
                {
                    continue;
                }

                switch (message.Command)
                {
                    case "PING":
                        await connection.SendAsync("PONG :" + message.Trailing, stopping);
                        break;
                    case "JOIN" when string.Equals(message.Nick, Link.Nick, StringComparison.OrdinalIgnoreCase):
                        _joined = true;
                        joinedAt = time.GetUtcNow();
                        _lastError = null;
                        logger.LogInformation("Chat bot {BotId} joined {Channel} as {Nick} on {Silo}", BotId, Link.Channel, Link.Nick, RuntimeIdentity);
                        break;
                    case "USERSTATE":
                        _moderator = message.IsModerator;
                        break;
                    case "RECONNECT":
                        logger.LogInformation("Chat bot {BotId}: the server asked to reconnect", BotId);
                        return Lasted(joinedAt);
                    case "NOTICE" when message.Trailing.Contains("authentication failed", StringComparison.OrdinalIgnoreCase)
                                       || message.Trailing.Contains("improperly formatted auth", StringComparison.OrdinalIgnoreCase):
                        _lastError = "login refused: " + message.Trailing;
                        logger.LogWarning("Chat bot {BotId}: the server refused the login of {Nick}", BotId, Link.Nick);
                        return Lasted(joinedAt);
                    case "PRIVMSG":
                        await OnMessageAsync(message);
                        break;
                }
            }

            return Lasted(joinedAt);
        }
        finally
        {
            session.Cancel();
            try
            {
                await sending;
            }
            catch (Exception error) when (error is OperationCanceledException or System.Net.WebSockets.WebSocketException)
            {
                // The connection is over; unsent replies stay in the outbox for the next one.
            }
        }
    }

    private TimeSpan Lasted(DateTimeOffset? joinedAt) => joinedAt is { } at ? time.GetUtcNow() - at : TimeSpan.Zero;

    private async Task OnMessageAsync(IrcMessage message)
    {
        var sender = message.Nick;
        if (sender is null || string.Equals(sender, Link.Nick, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        _messagesIn++;
        if (ChatCommand.Parse(message.Trailing, _options.CommandPrefix, Link.Nick!) is not { } command)
        {
            return;
        }

        if (!Cooldowns.TryUse(sender, command, message.IsModerator).Allowed)
        {
            // Refusals are silent: telling each one would spend the channel's send budget on the flood itself.
            _refused++;
            return;
        }

        if (command.IsQuestion)
        {
            Ask(sender, command.Argument);
            return;
        }

        Say(sender, message.Trailing, await AnswerCommandAsync(command));
    }

    private async Task<string> AnswerCommandAsync(ChatCommand command)
    {
        var prefix = _options.CommandPrefix;
        if (command.Name == "help")
        {
            return $"Commands: {prefix}ask <question>, {prefix}price [SYMBOL], {prefix}symbols, {prefix}status, {prefix}queue.";
        }

        if (command.Name == "queue")
        {
            return $"{Questions.Waiting} question(s) waiting, {Questions.Answering} being answered.";
        }

        var symbols = _bot?.Definition.Symbols ?? [];
        var prices = new Dictionary<string, decimal>(StringComparer.Ordinal);
        if (command.Name == "price")
        {
            foreach (var symbol in symbols)
            {
                try
                {
                    prices[symbol] = await market.PriceAsync(symbol, time.GetUtcNow());
                }
                catch (MarketUnavailableException)
                {
                    // The reply says so for this symbol.
                }
            }
        }

        return _bot is null
            ? "starting up, try again in a moment."
            : new ChatResponder(symbols, symbol => prices.TryGetValue(symbol, out var price) ? price : null).Reply($"{command.Name} {command.Argument}", _bot);
    }

    private void Ask(string sender, string question)
    {
        var answer = Questions.Ask(sender, question);
        switch (answer.Outcome)
        {
            case QueueOutcome.Waiting:
                _queued++;
                Say(sender, question, $"you are #{answer.Position.ToString(CultureInfo.InvariantCulture)} in line for the model.");
                break;
            case QueueOutcome.AlreadyPending:
                _turnedAway++;
                Say(sender, question, "your question is still pending; one at a time, please.");
                break;
            case QueueOutcome.Full:
                _turnedAway++;
                Say(sender, question, "too many questions right now; please ask again in a minute.");
                break;
        }

        StartAnswers();
    }

    /// <summary>Starts answering waiting questions while model slots are free.</summary>
    private void StartAnswers()
    {
        while (Questions.TakeNext() is { } question)
        {
            _ = AnswerAsync(question, _stopping?.Token ?? CancellationToken.None);
        }
    }

    private async Task AnswerAsync(PendingQuestion question, CancellationToken stopping)
    {
        try
        {
            var answer = await models.AskAsync(Endpoints(), question.Text, stopping);
            if (answer.Text is { } text)
            {
                _answered++;
                Say(question.Sender, question.Text, text);
            }
            else
            {
                Say(question.Sender, question.Text, "the model is not answering right now; please ask again in a minute.");
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogWarning(error, "Chat bot {BotId} could not answer a question", BotId);
        }
        catch (OperationCanceledException)
        {
            // The bot stopped.
        }
        finally
        {
            Questions.Done(question.Sender);
            StartAnswers();
        }
    }

    /// <summary>The bot's own endpoints (keys unsealed), then the platform's.</summary>
    private List<ModelEndpointSettings> Endpoints() =>
    [
        .. Link.ModelEndpoints.Select(e => new ModelEndpointSettings(e.Url, e.Model, e.SealedApiKey is null ? null : protector.Unprotect(e.SealedApiKey, BotId), e.RequestsPerSecond)),
        .. _options.Models.Select(m => new ModelEndpointSettings(m.Url, m.Model, m.ApiKey, m.RequestsPerSecond)),
    ];

    /// <summary>
    /// Queues a reply to <paramref name="sender"/>'s <paramref name="message"/> for the channel, cut to the chat's message
    /// size; a full outbox drops its oldest reply.
    /// </summary>
    private void Say(string sender, string message, string text)
    {
        var said = ChatText.Fit($"@{sender} {text}", _options.MessageLength);
        _outbox.Enqueue((IrcMessage.Format("PRIVMSG", Link.Channel!, said), new ChatReply(time.GetUtcNow(), $"{sender}: {message}", said)));
        while (_outbox.Count > _options.OutboxLength)
        {
            _outbox.Dequeue();
        }

        if (_outboxSignal.CurrentCount == 0)
        {
            _outboxSignal.Release();
        }
    }

    /// <summary>Sends the outbox, one line per grant of the account's budget.</summary>
    private async Task SendLoopAsync(IrcConnection connection, IChatAccountGrain account, CancellationToken session)
    {
        while (!session.IsCancellationRequested)
        {
            while (_outbox.Count == 0)
            {
                await _outboxSignal.WaitAsync(session);
            }

            await WaitForGrantAsync(() => account.TrySend(_moderator), session);
            if (_outbox.TryDequeue(out var reply))
            {
                await connection.SendAsync(reply.Line, session);
                _messagesOut++;
                await GrainFactory.GetGrain<IBotGrain>(BotId).AddReplies([reply.Reply]);
            }
        }
    }

    private async Task WaitForGrantAsync(Func<Task<SendGrant>> ask, CancellationToken cancellationToken)
    {
        while (await ask() is { Granted: false } refused)
        {
            await Task.Delay(refused.RetryAfter > TimeSpan.FromMilliseconds(50) ? refused.RetryAfter : TimeSpan.FromMilliseconds(50), time, cancellationToken);
        }
    }

    private Task HousekeepAsync(CancellationToken cancellationToken)
    {
        foreach (var expired in Questions.Expire())
        {
            _expired++;
            Say(expired.Sender, expired.Text, "sorry, the line for the model is too long; please ask again in a minute.");
        }

        Cooldowns.Sweep(1000);
        return Task.CompletedTask;
    }
}
