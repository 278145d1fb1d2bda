namespace OrleansBots.Silo.Auth;

/// <summary>
/// <c>ApiKeys__*</c>. Keys issued before keys carried a MAC can only be checked by loading their user grain, so an
/// anonymous caller could make the silo load arbitrary users with them: they are refused unless
/// <see cref="AcceptLegacyKeys"/> is set for a migration (docs/SECURITY.md: rotate every legacy key, then unset it).
/// </summary>
public sealed class ApiKeyOptions
{
    public const string Section = "ApiKeys";

    public bool AcceptLegacyKeys { get; set; }
}
