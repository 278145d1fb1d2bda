using OrleansBots.Quotas;
using OrleansBots.Users;

namespace OrleansBots.Bots;

/// <summary>
/// The rules of what a user may do with their bots, for every way in: the HTTP API calls it in-process (the user's API
/// key already checked), <see cref="UserBotsGrain"/> for trusted services in the cluster. A user only ever reaches
/// their own bots (others' are "not found"); creating, starting and stopping are bot actions, limited per user by
/// <see cref="Cooldowns"/>. Thread-safe; one instance per silo.
/// </summary>
public sealed class UserBots(IGrainFactory grains, Cooldowns cooldowns, IOptions<BotOptions> options)
{
    /// <summary>The limit a refusal names when a user owns as many bots as they may (<c>Users__MaxOwnedBots</c> or their own <c>max_owned_bots</c>).</summary>
    public const string OwnedBotsLimit = "max_owned_bots";

    public const int MaxPageSize = 1000;

    private const int FullRetryAfterSeconds = 60;

    public async Task<BotRequestAnswer<BotInfo>> CreateAsync(string userId, BotDraft draft)
    {
        var (definition, problem) = BotRequestValidator.Validate(draft, options.Value.MinTickSeconds);
        if (definition is null)
        {
            return Invalid(problem!);
        }

        if (await RefuseBotActionAsync(userId) is { } refusal)
        {
            return refusal;
        }

        // The bot is added to its owner first, so that the owner's cap holds however many creations arrive at once.
        var botId = Ids.NewBotId();
        var owner = grains.GetGrain<IUserGrain>(userId);
        var owned = await owner.TryAddBot(botId);
        if (!owned.Added)
        {
            return new BotRequestRefusal(
                BotRequestRefusalKind.Conflict,
                $"Bot ownership limit reached ({owned.Owned}/{owned.Limit} bots for your account); delete a bot first",
                OwnedBotsLimit);
        }

        try
        {
            return await grains.GetGrain<IBotGrain>(botId).Create(userId, definition);
        }
        catch
        {
            await owner.RemoveBot(botId);
            throw;
        }
    }

    public async Task<BotRequestAnswer<BotListPage>> ListAsync(string userId, int limit, string? after)
    {
        if (LimitProblem(limit) is { } problem)
        {
            return problem;
        }

        var profile = await grains.GetGrain<IUserGrain>(userId).GetProfile();
        var (ids, continueAfter) = Ids.Page(profile?.BotIds ?? [], limit, after);
        var infos = await Task.WhenAll(ids.Select(id => grains.GetGrain<IBotGrain>(id).GetInfo()));
        return new BotListPage(infos.Where(info => info is not null && info.UserId == userId).Select(info => info!).ToList(), continueAfter);
    }

    public async Task<BotRequestAnswer<BotInfo>> GetAsync(string userId, string botId) => (await FindOwnedAsync(userId, botId)).Answer;

    // One pass: the bot checks that it is the user's, counts the start against their bot-action limits and asks
    // capacity, whose answer already applies the user's own bot limit.
    public async Task<BotRequestAnswer<BotInfo>> StartAsync(string userId, string botId)
    {
        if (!Ids.IsValid(botId))
        {
            return MalformedId();
        }

        var result = await grains.GetGrain<IBotGrain>(botId).StartAs(userId);
        var admission = result.Admission;
        return result.Outcome switch
        {
            StartOutcome.Started or StartOutcome.AlreadyRunning => result.Bot!,
            StartOutcome.BotActionRefused => BotActionRefusal(result.BotAction!),
            StartOutcome.PlatformFull => new BotRequestRefusal(
                BotRequestRefusalKind.PlatformFull,
                $"Server full ({admission!.CurrentBots}/{admission.MaxBots} bots active). Try again in a few minutes.",
                RetryAfterSeconds: FullRetryAfterSeconds,
                CurrentBots: admission.CurrentBots,
                MaxBots: admission.MaxBots),
            StartOutcome.UserLimitReached => LimitReached(
                $"Bot limit reached ({admission!.UserBots}/{admission.UserLimit} running bots for your account)", "max_bots_per_user", FullRetryAfterSeconds),
            _ => NotFound(botId),
        };
    }

    public async Task<BotRequestAnswer<BotInfo>> StopAsync(string userId, string botId)
    {
        var owned = await FindOwnedAsync(userId, botId);
        if (owned.Info is null)
        {
            return owned.Answer;
        }

        if (await RefuseBotActionAsync(userId) is { } refusal)
        {
            return refusal;
        }

        return await owned.Grain!.Stop() ?? owned.Info;
    }

    public async Task<BotRequestAnswer<BotInfo>> DeleteAsync(string userId, string botId)
    {
        var owned = await FindOwnedAsync(userId, botId);
        if (owned.Info is not null)
        {
            await owned.Grain!.Delete();
        }

        return owned.Answer;
    }

    public Task<BotRequestAnswer<HistoryPage<Trade>>> TradesAsync(string userId, string botId, int limit, long? before) =>
        HistoryAsync(userId, botId, limit, bot => bot.GetTrades(limit, before));

    public Task<BotRequestAnswer<HistoryPage<Signal>>> SignalsAsync(string userId, string botId, int limit, long? before) =>
        HistoryAsync(userId, botId, limit, bot => bot.GetSignals(limit, before));

    public Task<BotRequestAnswer<HistoryPage<ChatReply>>> RepliesAsync(string userId, string botId, int limit, long? before) =>
        HistoryAsync(userId, botId, limit, bot => bot.GetReplies(limit, before));

    public async Task<BotRequestAnswer<ChatReply>> AskAsync(string userId, string botId, string? text)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > ChatResponder.MaxMessageLength)
        {
            return Invalid($"text is required: 1 to {ChatResponder.MaxMessageLength} characters");
        }

        var owned = await FindOwnedAsync(userId, botId);
        if (owned.Info is not { } info)
        {
            return owned.Answer.Refusal!;
        }

        var answer = await owned.Grain!.Ask(text);
        return answer.Outcome switch
        {
            ChatOutcome.Replied => answer.Reply!,
            ChatOutcome.NotChatBot => Conflict($"Bot '{botId}' is a {info.Definition.Kind.ToString().ToLowerInvariant()} bot; only chat bots take messages"),
            ChatOutcome.NotRunning => Conflict($"Bot '{botId}' is not running; start it first"),
            ChatOutcome.SignalLimitReached => LimitReached(
                $"Signal limit reached ({answer.Quota!.UsedLastMinute}/{answer.Quota.Limit} per minute for your account). Slow down.",
                "max_signals_per_minute",
                RetrySeconds(answer.Quota.RetryAfter)),
            _ => NotFound(botId),
        };
    }

    /// <summary>The user's bot and its grain, or the refusal: a malformed id, or a bot that is missing or someone else's.</summary>
    public async Task<OwnedBot> FindOwnedAsync(string userId, string botId)
    {
        if (!Ids.IsValid(botId))
        {
            return new OwnedBot(null, MalformedId());
        }

        var bot = grains.GetGrain<IBotGrain>(botId);
        var info = await bot.GetInfo();
        return info is null || info.UserId != userId ? new OwnedBot(null, NotFound(botId)) : new OwnedBot(bot, info);
    }

    /// <summary>A user's request on a user that does not exist or is disabled (the HTTP API refuses those at their key).</summary>
    public async Task<BotRequestRefusal?> RefuseAccountAsync(string userId)
    {
        var profile = Ids.IsValid(userId) ? await grains.GetGrain<IUserGrain>(userId).GetProfile() : null;
        return profile switch
        {
            null => new BotRequestRefusal(BotRequestRefusalKind.NotFound, $"User '{userId}' not found"),
            { Disabled: true } => new BotRequestRefusal(BotRequestRefusalKind.Disabled, "This account is disabled; ask the operator"),
            _ => null,
        };
    }

    private async Task<BotRequestAnswer<T>> HistoryAsync<T>(string userId, string botId, int limit, Func<IBotGrain, Task<T>> read)
    {
        if (LimitProblem(limit) is { } problem)
        {
            return problem;
        }

        var owned = await FindOwnedAsync(userId, botId);
        return owned.Info is null ? owned.Answer.Refusal! : await read(owned.Grain!);
    }

    /// <summary>Records a bot action of the user; null when it is allowed, else the refusal that names the limit.</summary>
    private async Task<BotRequestRefusal?> RefuseBotActionAsync(string userId)
    {
        var answer = await cooldowns.TryBotActionAsync(userId);
        return answer.Allowed ? null : BotActionRefusal(answer);
    }

    private static BotRequestRefusal BotActionRefusal(CooldownAnswer answer)
    {
        var retry = RetrySeconds(answer.RetryAfter);
        return answer.Limit == CooldownLimit.Cooldown
            ? LimitReached($"Too soon after your last bot action. Try again in {retry} s.", "bot_action_cooldown", retry)
            : LimitReached(
                $"Bot action limit reached ({answer.UsedLastHour}/{answer.HourlyQuota} creations, starts and stops in the last hour for your account). Try again in {retry} s.",
                "bot_actions_per_hour",
                retry);
    }

    private static BotRequestRefusal? LimitProblem(int limit) =>
        limit is >= 1 and <= MaxPageSize ? null : Invalid($"limit must be a whole number between 1 and {MaxPageSize} (got '{limit}')");

    /// <summary>Whole seconds to wait, rounded up and at least one, for a <c>Retry-After</c>.</summary>
    private static int RetrySeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    private static BotRequestRefusal Invalid(string message) => new(BotRequestRefusalKind.Invalid, message);

    private static BotRequestRefusal Conflict(string message) => new(BotRequestRefusalKind.Conflict, message);

    private static BotRequestRefusal LimitReached(string message, string limit, int retryAfterSeconds) =>
        new(BotRequestRefusalKind.LimitReached, message, limit, retryAfterSeconds);

    private static BotRequestRefusal MalformedId() => Invalid($"bot_id must be 1 to {Ids.MaxLength} letters, digits, '_' or '-'");

    private static BotRequestRefusal NotFound(string botId) => new(BotRequestRefusalKind.NotFound, $"Bot '{botId}' not found");

    /// <summary>The user's bot (<see cref="Grain"/> and <see cref="Info"/>), or the refusal in <see cref="Answer"/>.</summary>
    public sealed record OwnedBot(IBotGrain? Grain, BotRequestAnswer<BotInfo> Answer)
    {
        public BotInfo? Info => Answer.Value;
    }
}
