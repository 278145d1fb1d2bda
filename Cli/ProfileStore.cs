using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansBots.Cli;

/// <summary>
/// The saved profiles: <c>~/.config/orleansbots/profiles.json</c> (or <c>$ORLEANSBOTS_CONFIG</c>), which holds tokens
/// and so is written readable and writable by its owner only (mode 600, its folder 700), replaced atomically.
/// </summary>
public sealed class ProfileStore(string path)
{
    public const string DefaultProfile = "default";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    public string Path { get; } = path;

    public static ProfileStore ForCurrentUser() => new(
        Environment.GetEnvironmentVariable("ORLEANSBOTS_CONFIG") is { Length: > 0 } configured
            ? configured
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.Create), "orleansbots", "profiles.json"));

    public ProfileFile Load()
    {
        if (!File.Exists(Path))
        {
            return new ProfileFile(DefaultProfile, new Dictionary<string, Profile>(StringComparer.Ordinal));
        }

        var loaded = JsonSerializer.Deserialize<ProfileFile>(File.ReadAllText(Path), Json)
            ?? throw new UsageException($"{Path} is empty; run 'orleansbots login' again");
        return loaded with { Profiles = new Dictionary<string, Profile>(loaded.Profiles, StringComparer.Ordinal) };
    }

    public void Save(ProfileFile file)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        // Written to a new file created with mode 600 and renamed over the old one: never readable by others, not even for a moment.
        var temporary = Path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, file, Json);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, Path, overwrite: true);
    }
}
