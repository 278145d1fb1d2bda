namespace OrleansBots.Bots;

/// <summary>Lifecycle: created → starting → running → stopping → stopped, or failed with a reason.</summary>
public enum BotStatus
{
    Created,
    Starting,
    Running,
    Stopping,
    Stopped,
    Failed,
}
