namespace OrleansBots.Silo.Configuration;

/// <summary>Reads a <c>.env</c> file next to the silo (working folder, else the binaries' folder) into the environment.</summary>
public static class DotEnvFile
{
    /// <summary>Loads the first .env found; variables already set in the environment win. Returns the path, if any.</summary>
    public static string? Load()
    {
        foreach (var folder in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            var path = Path.Combine(folder, ".env");
            if (File.Exists(path))
            {
                DotNetEnv.Env.NoClobber().Load(path);
                return path;
            }
        }

        return null;
    }
}
