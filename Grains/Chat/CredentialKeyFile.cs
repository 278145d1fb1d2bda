using System.Security.Cryptography;

namespace OrleansBots.Chat;

/// <summary>
/// Where the credential key comes from: <c>Chat:CredentialKey</c> when set (a cluster's silos must share it), else
/// <c>DATA_DIR/chat-credential-key</c>, generated at first start with owner-only permissions. The log says which,
/// never the key.
/// </summary>
public static class CredentialKeyFile
{
    public const string FileName = "chat-credential-key";

    public static byte[] Load(string? configured, string? dataDir, ILogger logger)
    {
        if (configured is { Length: > 0 })
        {
            return Convert.FromBase64String(configured);
        }

        var folder = Path.GetFullPath(string.IsNullOrWhiteSpace(dataDir) ? "data" : dataDir);
        var path = Path.Combine(folder, FileName);
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }

        Directory.CreateDirectory(folder);
        var key = RandomNumberGenerator.GetBytes(32);
        File.WriteAllText(path, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        logger.LogWarning("Chat credentials are encrypted with a key generated into {Path}; set Chat__CredentialKey to share one key between silos", path);
        return key;
    }
}
