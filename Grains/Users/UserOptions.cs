namespace OrleansBots.Users;

/// <summary>Bound from the <c>Users</c> configuration section.</summary>
public sealed class UserOptions
{
    public const string Section = "Users";

    /// <summary>Bots a user may own (created and not deleted, running or not); a user's own <c>max_owned_bots</c> overrides it.</summary>
    public int MaxOwnedBots { get; set; } = 100;
}
