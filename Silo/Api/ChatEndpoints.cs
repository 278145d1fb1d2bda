using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansBots.Bots;
using OrleansBots.Chat;
using OrleansBots.Contracts;
using OrleansBots.Silo.Auth;

namespace OrleansBots.Silo.Api;

/// <summary>
/// A chat bot's chat settings under /api/bots/{bot_id}/chat: the owner sets the channel, the account and its token;
/// the answer never carries the token or model API keys (only whether they are set).
/// </summary>
public static partial class ChatEndpoints
{
    private const int MaxModelEndpoints = 8;

    public static void MapChatEndpoints(this IEndpointRouteBuilder routes)
    {
        var chat = routes.MapGroup("/api/bots/{bot_id}/chat").AddEndpointFilter<UserAuthFilter>().WithTags("Chat")
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ErrorResponse), ["application/json"]));
        chat.MapPut("/", PutAsync).WithMetadata(new JsonBodyMetadata(typeof(ChatSettingsRequest)));
        chat.MapGet("/", GetAsync);
    }

    private static async Task<Results<Ok<ChatSettingsResponse>, BodyRefusal, BadRequest<ErrorResponse>, BotRefusal, Conflict<ErrorResponse>>> PutAsync(
        HttpContext http, IGrainFactory grains, UserBots bots, string bot_id, CancellationToken cancellationToken)
    {
        var (request, error) = await JsonBody<ChatSettingsRequest>.ReadAsync(http.Request, cancellationToken);
        if (request is null)
        {
            return error!;
        }

        var (settings, problem) = Validate(request);
        if (settings is null)
        {
            return ApiResults.BadRequest(problem!);
        }

        var owned = await BotEndpoints.FindOwnedBotAsync(http, bots, bot_id);
        if (!owned.Found)
        {
            return owned.Refusal;
        }

        if (owned.Info.Definition.Kind != BotKind.Chat)
        {
            return ApiResults.Conflict($"Bot '{bot_id}' is a {owned.Info.Definition.Kind.ToString().ToLowerInvariant()} bot; only chat bots join a chat");
        }

        var link = grains.GetGrain<IChatLinkGrain>(owned.Info.BotId);
        var view = await link.Configure(settings);
        if (owned.Info.Status == BotStatus.Running)
        {
            await link.Keep(owned.Info);
            view = await link.GetView() ?? view;
        }

        return TypedResults.Ok(new ChatSettingsResponse(true, owned.Info.BotId, ToContract(view)));
    }

    private static async Task<Results<Ok<ChatSettingsResponse>, BotRefusal, NotFound<ErrorResponse>>> GetAsync(HttpContext http, IGrainFactory grains, UserBots bots, string bot_id)
    {
        var owned = await BotEndpoints.FindOwnedBotAsync(http, bots, bot_id);
        if (!owned.Found)
        {
            return owned.Refusal;
        }

        var view = await grains.GetGrain<IChatLinkGrain>(owned.Info.BotId).GetView();
        return view is null
            ? ApiResults.NotFound($"Bot '{bot_id}' has no chat settings; PUT them to /api/bots/{bot_id}/chat")
            : TypedResults.Ok(new ChatSettingsResponse(true, owned.Info.BotId, ToContract(view)));
    }

    /// <summary>The settings, or the first problem naming its field.</summary>
    public static (ChatLinkSettings? Settings, string? Problem) Validate(ChatSettingsRequest request)
    {
        var channel = request.Channel?.Trim().TrimStart('#');
        if (channel is null || !ChatName().IsMatch(channel))
        {
            return (null, "channel is required: 1 to 25 letters, digits or '_' (a leading '#' is allowed)");
        }

        var nick = request.Nick?.Trim();
        if (nick is null || !ChatName().IsMatch(nick))
        {
            return (null, "nick is required: 1 to 25 letters, digits or '_'");
        }

        if (string.IsNullOrWhiteSpace(request.Token) || request.Token.Length > 500 || request.Token.Any(char.IsWhiteSpace))
        {
            return (null, "token is required: the account's chat token (Twitch: oauth:…), up to 500 characters without spaces");
        }

        if (request.MaxConcurrentUsers is < 1 or > 1000)
        {
            return (null, $"max_concurrent_users must be between 1 and 1000 (got {request.MaxConcurrentUsers})");
        }

        var endpoints = request.ModelEndpoints ?? [];
        if (endpoints.Count > MaxModelEndpoints)
        {
            return (null, $"model_endpoints holds at most {MaxModelEndpoints} endpoints (got {endpoints.Count})");
        }

        var models = new List<ModelEndpointSettings>();
        for (var i = 0; i < endpoints.Count; i++)
        {
            var endpoint = endpoints[i];
            if (ChatOptionsValidator.ModelEndpointProblem(endpoint.Url, endpoint.Model, endpoint.RequestsPerSecond ?? 0) is { } problem)
            {
                return (null, $"model_endpoints[{i}].{problem}");
            }

            models.Add(new ModelEndpointSettings(endpoint.Url!, endpoint.Model!.Trim(), endpoint.ApiKey, endpoint.RequestsPerSecond ?? 0));
        }

        return (new ChatLinkSettings(channel, nick, request.Token, models) { MaxConcurrentUsers = request.MaxConcurrentUsers }, null);
    }

    private static ChatSettingsView ToContract(ChatLinkView view) => new(
        view.Channel,
        view.Nick,
        view.HasToken,
        view.ServerUrl,
        view.ModelEndpoints.Select(e => new Contracts.ModelEndpointView(e.Url, e.Model, e.HasApiKey, e.RequestsPerSecond)).ToList(),
        new ChatConnectionView(view.Stats.Joined, view.Stats.Silo, view.Stats.Connections, view.Stats.MessagesIn, view.Stats.MessagesOut, view.Stats.Refused,
            view.Stats.Answered, view.Stats.Queued, view.Stats.TurnedAway, view.Stats.Expired, view.Stats.Moderator, view.Stats.LastError));

    [GeneratedRegex("^[A-Za-z0-9_]{1,25}$")]
    private static partial Regex ChatName();
}
