namespace OrleansBots.Hardware;

/// <summary>
/// Read access to the kernel's files (/proc, /sys) under a root that tests point at fixture folders.
/// Every read is forgiving: a file that is missing or unreadable is null, because machines differ in what they offer.
/// </summary>
public sealed class HostFiles(string root)
{
    public static HostFiles Machine { get; } = new("/");

    public string PathOf(string path) => Path.Combine(root, path.TrimStart('/'));

    public string? Read(string path)
    {
        try
        {
            return File.ReadAllText(PathOf(path));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The first line of a file, trimmed; null when the file is missing or empty.</summary>
    public string? ReadLine(string path) =>
        Read(path)?.Split('\n', 2)[0].Trim() is { Length: > 0 } line ? line : null;

    public bool Exists(string path) => Directory.Exists(PathOf(path)) || File.Exists(PathOf(path));

    /// <summary>The names of the entries of a folder (empty when it is missing).</summary>
    public IReadOnlyList<string> List(string path)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries(PathOf(path)).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
