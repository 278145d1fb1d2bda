using OrleansBots.Silo.Tests.Infrastructure;

namespace OrleansBots.Cli.Tests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ProfileStoreTests
{
    [Fact]
    public void SavedProfilesAreReadableAndWritableByTheirOwnerOnlyAndLoadAgain()
    {
        using var folder = new TempFolder();
        var store = new ProfileStore(Path.Combine(folder.Path, "nested", "profiles.json"));
        var profiles = new Dictionary<string, Profile> { ["prod"] = new("https://bots.example", "token", null), ["dev"] = new("http://localhost:5001", null, "alice.key") };

        store.Save(new ProfileFile("prod", profiles));
        store.Save(new ProfileFile("dev", profiles));
        var loaded = store.Load();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.Path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(store.Path)!));
        Assert.Equal("dev", loaded.Current);
        Assert.Equal(profiles, loaded.Profiles);
        Assert.False(File.Exists(store.Path + ".tmp"));
    }
}
