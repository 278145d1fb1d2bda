namespace OrleansBots.Users;

/// <summary>What a user grain says about a presented API key.</summary>
[GenerateSerializer, Alias("OrleansBots.KeyCheck")]
public enum KeyCheck
{
    /// <summary>Not the user's key (wrong, revoked, or no such user).</summary>
    Invalid = 0,

    Valid = 1,

    /// <summary>The user's key, but the user is disabled.</summary>
    Disabled = 2,
}
