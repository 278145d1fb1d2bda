using OrleansBots.Capacity;

namespace OrleansBots.Silo.Configuration;

public static class SettingsRegistration
{
    /// <summary>
    /// The seed's flat names (MAX_CONCURRENT_BOTS, ..., and the monitoring aliases) and the connection strings, which
    /// the host reads while it is put together; answers what is wrong with them and the other early settings.
    /// </summary>
    public static IReadOnlyList<string> AddPlatformSettings(this WebApplicationBuilder builder)
    {
        var aliasProblems = SettingAliases.Apply(builder.Configuration);
        var (settings, problems) = PlatformSettings.Read(builder.Configuration);
        if (settings is not null)
        {
            builder.Services.AddSingleton(settings);

            // The configured limits win over anything bound from the Capacity section; the admin API may change them later.
            builder.Services.PostConfigure<CapacityOptions>(o => o.ConfiguredLimits = settings.Limits);
        }

        builder.Services.AddSingleton(StorageSettings.Read(builder.Configuration));
        return [.. problems, .. aliasProblems, .. StartupChecks.Problems(builder.Configuration)];
    }
}
