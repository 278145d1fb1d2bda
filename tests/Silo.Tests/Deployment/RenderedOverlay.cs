using System.Text;
using System.Text.Json;

namespace OrleansBots.Silo.Tests.Deployment;

/// <summary>
/// One overlay of deploy/kubernetes as <c>kubectl kustomize</c> renders it (through deploy/validate, which turns the
/// YAML into JSON), with what a pod of its Deployment would see: its containers' environment, ports and probes.
/// </summary>
public sealed class RenderedOverlay
{
    public static readonly string[] Names = ["dev", "prod"];

    private readonly IReadOnlyList<JsonElement> _objects;

    private RenderedOverlay(string name, IReadOnlyList<JsonElement> objects)
    {
        Name = name;
        _objects = objects;
    }

    public string Name { get; }

    public JsonElement Deployment => Single("Deployment");

    public JsonElement PodSpec => Deployment.GetProperty("spec").GetProperty("template").GetProperty("spec");

    public JsonElement Silo => Containers("containers").Single(c => c.GetProperty("name").GetString() == "silo");

    public IReadOnlyList<JsonElement> InitContainers => Containers("initContainers");

    public static async Task<RenderedOverlay> RenderAsync(string name)
    {
        var run = await Tool.RunAsync("node", ["deploy/validate/validate.mjs", "render", name]);
        Assert.True(run.ExitCode == 0, $"rendering overlay {name} failed:\n{run.Output}");
        using var document = JsonDocument.Parse(run.Output);
        return new RenderedOverlay(name, [.. document.RootElement.EnumerateArray().Select(o => o.Clone())]);
    }

    public JsonElement Single(string kind) => _objects.Single(o => o.GetProperty("kind").GetString() == kind);

    public bool Has(string kind) => _objects.Any(o => o.GetProperty("kind").GetString() == kind);

    /// <summary>The container's environment as Kubernetes builds it: envFrom first, env over it; the downward API from <paramref name="fieldValues"/>.</summary>
    public Dictionary<string, string> EnvironmentOf(JsonElement container, IReadOnlyDictionary<string, string> fieldValues)
    {
        var environment = new Dictionary<string, string>();
        foreach (var source in Array(container, "envFrom"))
        {
            var values = source.TryGetProperty("configMapRef", out var configMap)
                ? Data("ConfigMap", configMap.GetProperty("name").GetString()!)
                : Data("Secret", source.GetProperty("secretRef").GetProperty("name").GetString()!);
            foreach (var (key, value) in values)
            {
                environment[key] = value;
            }
        }

        foreach (var variable in Array(container, "env"))
        {
            var name = variable.GetProperty("name").GetString()!;
            if (variable.TryGetProperty("value", out var value))
            {
                environment[name] = value.GetString()!;
                continue;
            }

            var from = variable.GetProperty("valueFrom");
            environment[name] = from.TryGetProperty("fieldRef", out var field)
                ? fieldValues[field.GetProperty("fieldPath").GetString()!]
                : from.TryGetProperty("configMapKeyRef", out var configKey)
                    ? Data("ConfigMap", configKey.GetProperty("name").GetString()!)[configKey.GetProperty("key").GetString()!]
                    : Data("Secret", from.GetProperty("secretKeyRef").GetProperty("name").GetString()!)[from.GetProperty("secretKeyRef").GetProperty("key").GetString()!];
        }

        return environment;
    }

    /// <summary>A container port by its name, e.g. "http".</summary>
    public static int Port(JsonElement container, string name) =>
        Array(container, "ports").Single(p => p.GetProperty("name").GetString() == name).GetProperty("containerPort").GetInt32();

    public static IEnumerable<JsonElement> Array(JsonElement parent, string property) =>
        parent.TryGetProperty(property, out var items) ? items.EnumerateArray() : [];

    private IReadOnlyList<JsonElement> Containers(string property) => [.. Array(PodSpec, property)];

    /// <summary>A ConfigMap's data, or a Secret's decoded data, by its rendered name.</summary>
    private Dictionary<string, string> Data(string kind, string name)
    {
        var found = _objects.Single(o => o.GetProperty("kind").GetString() == kind && o.GetProperty("metadata").GetProperty("name").GetString() == name);
        return found.GetProperty("data").EnumerateObject().ToDictionary(
            p => p.Name,
            p => kind == "Secret" ? Encoding.UTF8.GetString(Convert.FromBase64String(p.Value.GetString()!)) : p.Value.GetString()!);
    }
}
