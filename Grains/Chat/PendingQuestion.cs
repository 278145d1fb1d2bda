namespace OrleansBots.Chat;

/// <summary>A viewer's question and when it was asked.</summary>
public sealed record PendingQuestion(string Sender, string Text, DateTimeOffset AskedAt);
