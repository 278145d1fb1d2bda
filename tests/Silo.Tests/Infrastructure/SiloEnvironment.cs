namespace OrleansBots.Silo.Tests.Infrastructure;

/// <summary>The environment of a silo process that uses the test PostgreSQL (and Redis) under a service id of its own.</summary>
public static class SiloEnvironment
{
    public const string AdminToken = "test-admin-token-0123456789abcdef";

    public static Dictionary<string, string> Durable(string serviceId, string dataFolder, bool redis = false)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = TestServers.Postgres!,
            ["Orleans__ServiceId"] = serviceId,
            ["Orleans__ClusterId"] = serviceId,
            ["ADMIN_TOKEN"] = AdminToken,
            ["DATA_DIR"] = dataFolder,
            ["Capacity__RenewInterval"] = "00:00:01",
            ["Capacity__LeaseDuration"] = "00:00:06",
            ["Bots__MinTickSeconds"] = "0.2",
        };
        if (redis)
        {
            environment["ConnectionStrings__Redis"] = TestServers.Redis!;

            // Detect a killed silo in a few seconds instead of the default ten or more.
            environment["Orleans__Membership__ProbeTimeout"] = "00:00:02";
            environment["Orleans__Membership__MaxProbeTimeout"] = "00:00:03";
        }

        return environment;
    }

    public static string NewServiceId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];
}
