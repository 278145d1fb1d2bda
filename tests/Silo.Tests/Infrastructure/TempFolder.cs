namespace OrleansBots.Silo.Tests.Infrastructure;

/// <summary>A folder of its own for one silo's data, removed at the end.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("orleansbots-test-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A silo that was killed may still hold a file for a moment; the OS cleans /tmp.
        }
    }
}
