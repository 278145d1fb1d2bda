using System.Net;

namespace OrleansBots.Client;

/// <summary>404: the bot, user or entry does not exist, or (for a bot) is not the caller's.</summary>
/// <param name="error">The server's message, naming what was not found.</param>
public sealed class NotFoundException(string error) : OrleansBotsApiException(HttpStatusCode.NotFound, error, null, null);
