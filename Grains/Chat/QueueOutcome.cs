namespace OrleansBots.Chat;

/// <summary>What happened to a question asked of the <see cref="QuestionQueue"/>.</summary>
public enum QueueOutcome
{
    /// <summary>A slot is free: the question is answered now.</summary>
    Answering,

    /// <summary>Every slot is busy: the question waits its turn.</summary>
    Waiting,

    /// <summary>The asker already has a question pending.</summary>
    AlreadyPending,

    /// <summary>The line is full: the asker is to retry later.</summary>
    Full,
}
