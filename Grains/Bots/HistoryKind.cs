namespace OrleansBots.Bots;

/// <summary>The three kinds of a bot's history; the numbers are stored (<c>bot_history.kind</c>).</summary>
public enum HistoryKind : short
{
    Trade = 0,
    Signal = 1,
    Reply = 2,
}
