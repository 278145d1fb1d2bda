namespace OrleansBots.Chat;

/// <summary>Checks <see cref="ChatOptions"/> when the host starts; the message names the setting that is wrong.</summary>
public sealed class ChatOptionsValidator : IValidateOptions<ChatOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatOptions options) =>
        Problem(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;

    /// <summary>The first thing wrong with <paramref name="options"/>, or null.</summary>
    public static string? Problem(ChatOptions options)
    {
        if (!Uri.TryCreate(options.ServerUrl, UriKind.Absolute, out var server) || server.Scheme is not ("ws" or "wss"))
        {
            return $"Chat:ServerUrl must be a ws:// or wss:// address (got '{options.ServerUrl}')";
        }

        if (options.MessageLength is < 20 or > 10_000)
        {
            return $"Chat:MessageLength must be between 20 and 10000 (got {options.MessageLength})";
        }

        if (options.MessagesPerWindow < 1 || options.ModeratorMessagesPerWindow < options.MessagesPerWindow || options.JoinsPerWindow < 1)
        {
            return "Chat:MessagesPerWindow and Chat:JoinsPerWindow must be positive and Chat:ModeratorMessagesPerWindow at least Chat:MessagesPerWindow";
        }

        if (options.MessageWindow < TimeSpan.FromSeconds(1) || options.JoinWindow < TimeSpan.FromSeconds(1))
        {
            return "Chat:MessageWindow and Chat:JoinWindow must be at least one second";
        }

        if (options.SenderCooldown < TimeSpan.Zero || options.CommandCooldown < TimeSpan.Zero || options.SenderHourlyQuota < 0)
        {
            return "Chat:SenderCooldown, Chat:CommandCooldown and Chat:SenderHourlyQuota must not be negative";
        }

        if (options.MaxConcurrentUsers is < 1 or > 1000 || options.QueueLength is < 0 or > 100_000 || options.OutboxLength < 1)
        {
            return $"Chat:MaxConcurrentUsers must be 1-1000, Chat:QueueLength 0-100000 and Chat:OutboxLength positive (got {options.MaxConcurrentUsers}, {options.QueueLength}, {options.OutboxLength})";
        }

        if (options.QueueWaitLimit <= TimeSpan.Zero || options.ModelTimeout <= TimeSpan.Zero || options.ModelProbeTimeout <= TimeSpan.Zero)
        {
            return "Chat:QueueWaitLimit, Chat:ModelTimeout and Chat:ModelProbeTimeout must be positive";
        }

        if (options.ModelRetryDelay <= TimeSpan.Zero || options.ModelRetryMaxDelay < options.ModelRetryDelay
            || options.ReconnectDelay <= TimeSpan.Zero || options.ReconnectMaxDelay < options.ReconnectDelay)
        {
            return "Chat:ModelRetryDelay and Chat:ReconnectDelay must be positive and at most their Max…Delay";
        }

        for (var i = 0; i < options.Models.Count; i++)
        {
            var model = options.Models[i];
            if (ModelEndpointProblem(model.Url, model.Model, model.RequestsPerSecond) is { } problem)
            {
                return $"Chat:Models:{i}: {problem}";
            }
        }

        return options.CredentialKey is { Length: > 0 } key && !CredentialProtector.IsValidKey(key)
            ? "Chat:CredentialKey must be the base64 of 32 bytes (e.g. openssl rand -base64 32)"
            : null;
    }

    /// <summary>What is wrong with one model endpoint (also checked for a bot's own endpoints), or null.</summary>
    public static string? ModelEndpointProblem(string? url, string? model, double requestsPerSecond)
    {
        if (!IsHttpUrl(url))
        {
            return $"url must be an http:// or https:// address (got '{url}')";
        }

        if (string.IsNullOrWhiteSpace(model))
        {
            return "model is required (the name the server knows the model by)";
        }

        return requestsPerSecond is < 0 or > 10_000 ? $"requests_per_second must be between 0 and 10000 (got {requestsPerSecond})" : null;
    }

    private static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
