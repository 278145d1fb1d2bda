namespace OrleansBots.Silo.Audit;

/// <summary>The names of the admin actions in the audit trail.</summary>
public static class AuditActions
{
    public const string UserCreated = "user.created";
    public const string UserLimitsChanged = "user.limits_changed";
    public const string UserDisabled = "user.disabled";
    public const string UserEnabled = "user.enabled";
    public const string UserDeleted = "user.deleted";
    public const string ApiKeyRotated = "api_key.rotated";
    public const string ApiKeyRevoked = "api_key.revoked";
    public const string LimitsChanged = "limits.changed";

    /// <summary>The target of platform-wide changes.</summary>
    public const string Platform = "platform";
}
