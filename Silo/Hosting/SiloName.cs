using Orleans.Configuration;

using System.Text.RegularExpressions;

namespace OrleansBots.Silo.Hosting;

/// <summary>
/// <c>Orleans:SiloName</c> (<c>Orleans__SiloName</c>): the silo's name in membership, logs, /admin and the dashboard.
/// On Kubernetes it is the pod's name (downward API), so an operator finds the pod of a silo in one step.
/// Unset, Orleans picks its own name.
/// </summary>
public static partial class SiloName
{
    public const string Key = "Orleans:SiloName";

    public static IReadOnlyList<string> Problems(IConfiguration configuration) =>
        configuration[Key] is { Length: > 0 } name && !Allowed().IsMatch(name)
            ? [$"{Key} must be 1 to 253 letters, digits, '-', '_' or '.' (a pod or host name; got '{name}')"]
            : [];

    public static ISiloBuilder UseConfiguredSiloName(this ISiloBuilder silo, IConfiguration configuration)
    {
        if (configuration[Key] is { Length: > 0 } name)
        {
            silo.Configure<SiloOptions>(options => options.SiloName = name);
        }

        return silo;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,253}$")]
    private static partial Regex Allowed();
}
