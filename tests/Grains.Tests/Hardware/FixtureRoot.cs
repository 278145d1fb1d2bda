using OrleansBots.Hardware;

namespace OrleansBots.Tests.Hardware;

/// <summary>A throw-away folder laid out like / with the given /proc and /sys files, for the probes to read instead of this machine.</summary>
public sealed class FixtureRoot : IDisposable
{
    public FixtureRoot(IReadOnlyDictionary<string, string> files)
    {
        Path = Directory.CreateTempSubdirectory("ob-hw-").FullName;
        foreach (var (path, content) in files)
        {
            Write(path, content);
        }

        Files = new HostFiles(Path);
    }

    public string Path { get; }

    public HostFiles Files { get; }

    public void Write(string path, string content)
    {
        var full = System.IO.Path.Combine(Path, path.TrimStart('/'));
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
