namespace OrleansBots.Silo.Configuration;

/// <summary>
/// <c>DATA_DIR</c> (default <c>data</c>): where the silo keeps its generated admin token and spools metrics during a
/// PostgreSQL outage. Checked at start, because in a container with a read-only root file system a folder that is
/// not a mounted volume would only fail during the outage the spool is for.
/// </summary>
public static class DataFolder
{
    public const string Key = "DATA_DIR";

    public static string Of(IConfiguration configuration) =>
        Path.GetFullPath(configuration[Key] is { Length: > 0 } folder ? folder : "data");

    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        var folder = Of(configuration);
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-check-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return [];
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return [$"{Key} must be a folder this silo can write ('{folder}': {error.Message})"];
        }
    }
}
