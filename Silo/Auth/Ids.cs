using System.Text.RegularExpressions;

namespace OrleansBots.Silo.Auth;

/// <summary>The shape of user and bot ids: 1–64 letters, digits, '_' or '-'.</summary>
public static partial class Ids
{
    public const int MaxLength = 64;

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    public static string NewBotId() => "bot_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8));

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}\z")]
    private static partial Regex Pattern();
}
