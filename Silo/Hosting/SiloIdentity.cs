using System.Text.RegularExpressions;
using Orleans.Configuration;

namespace OrleansBots.Silo.Hosting;

/// <summary>
/// The names a silo goes by: <c>Orleans:SiloName</c> (its name in membership, logs, /admin and the dashboard; on
/// Kubernetes the pod's name, from the downward API; unset, Orleans picks one) and the <c>Orleans:ClusterId</c> and
/// <c>Orleans:ServiceId</c> that decide which silos form one cluster and share stored state.
/// </summary>
public static partial class SiloIdentity
{
    public const string SiloNameKey = "Orleans:SiloName";

    private static readonly string[] Keys = [SiloNameKey, "Orleans:ClusterId", "Orleans:ServiceId"];

    /// <summary>Names that go into Redis keys, table rows and logs: host-name characters only.</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration) =>
    [
        .. Keys
            .Where(key => configuration[key] is { Length: > 0 } name && !Allowed().IsMatch(name))
            .Select(key => $"{key} must be 1 to 253 letters, digits, '-', '_' or '.' (a pod or host name; got '{configuration[key]}')"),
    ];

    public static ISiloBuilder UseConfiguredSiloName(this ISiloBuilder silo, IConfiguration configuration)
    {
        if (configuration[SiloNameKey] is { Length: > 0 } name)
        {
            silo.Configure<SiloOptions>(options => options.SiloName = name);
        }

        return silo;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,253}$")]
    private static partial Regex Allowed();
}
