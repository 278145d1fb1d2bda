namespace OrleansBots.Silo.Auth;

public enum ApiKeyKind
{
    /// <summary>Not one of our keys, or its MAC is wrong: refused without asking a grain.</summary>
    Malformed,

    /// <summary>Issued with a MAC that this platform's secret verifies.</summary>
    Signed,

    /// <summary>Issued before keys carried a MAC; only the user grain can tell whether it is real.</summary>
    Legacy,
}

/// <summary>A bearer key as read by <see cref="ApiKeys.Read"/>: the user it names and what kind of key it is.</summary>
public sealed record PresentedKey(string? UserId, ApiKeyKind Kind)
{
    public static readonly PresentedKey Malformed = new(null, ApiKeyKind.Malformed);
}
