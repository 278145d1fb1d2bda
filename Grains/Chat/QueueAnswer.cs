namespace OrleansBots.Chat;

/// <summary>What happened to a question; <see cref="Position"/> is its place in line when it waits (1 = next).</summary>
public sealed record QueueAnswer(QueueOutcome Outcome, int Position);
