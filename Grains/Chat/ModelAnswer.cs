namespace OrleansBots.Chat;

/// <summary>The model's reply to a question, and the endpoint that gave it; or no text when no endpoint could answer.</summary>
public sealed record ModelAnswer(string? Text, string? Endpoint, IReadOnlyList<string> Tried)
{
    public bool Answered => Text is not null;
}
