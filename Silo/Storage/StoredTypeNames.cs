using System.Reflection;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace OrleansBots.Silo.Storage;

/// <summary>
/// Reads the CLR type names that Orleans' JSON grain storage writes into every stored state ("$type" holds
/// namespace and assembly, also inside generic arguments) after a stored type moved to another namespace or
/// assembly, or was renamed. A name that no longer resolves is matched to the platform type whose
/// <c>[Alias]</c> ends with the same simple name: the alias is the type's stable identity. New rows are
/// written exactly as before, so an older silo still reads them.
/// </summary>
public sealed partial class StoredTypeNames : ISerializationBinder
{
    private readonly ISerializationBinder _inner;
    private readonly IReadOnlyDictionary<string, Type> _bySimpleName;

    public StoredTypeNames(ISerializationBinder inner, IEnumerable<Assembly> platformAssemblies)
    {
        _inner = inner;
        _bySimpleName = IndexBySimpleName(platformAssemblies);
    }

    public void BindToName(Type serializedType, out string? assemblyName, out string? typeName) =>
        _inner.BindToName(serializedType, out assemblyName, out typeName);

    public Type BindToType(string? assemblyName, string typeName)
    {
        try
        {
            return _inner.BindToType(assemblyName, typeName);
        }
        catch (Exception error) when (error is JsonSerializationException or TypeLoadException or InvalidOperationException)
        {
            var (movedAssembly, movedType) = (Current(assemblyName, typeName), PlatformTypeName().Replace(typeName, CurrentName));
            if (movedAssembly is null && movedType == typeName)
            {
                throw;
            }

            return movedAssembly is { } moved
                ? _inner.BindToType(moved.Assembly.GetName().Name, moved.FullName!)
                : _inner.BindToType(assemblyName, movedType);
        }
    }

    /// <summary>The current type of a top-level platform name that no longer resolves, or null.</summary>
    private Type? Current(string? assemblyName, string typeName) =>
        assemblyName is not null && IsPlatformName(typeName) && !typeName.Contains('[') && !Resolves(typeName, assemblyName)
            ? _bySimpleName.GetValueOrDefault(SimpleName(typeName))
            : null;

    private string CurrentName(Match pair)
    {
        var (typeName, assemblyName) = (pair.Groups["type"].Value, pair.Groups["assembly"].Value);
        return !Resolves(typeName, assemblyName) && _bySimpleName.TryGetValue(SimpleName(typeName), out var moved)
            ? $"{moved.FullName}, {moved.Assembly.GetName().Name}"
            : pair.Value;
    }

    private static bool Resolves(string typeName, string assemblyName) =>
        Type.GetType($"{typeName}, {assemblyName}", throwOnError: false) is not null;

    private static bool IsPlatformName(string typeName) => typeName.StartsWith("OrleansBots.", StringComparison.Ordinal);

    private static string SimpleName(string typeName) => typeName[(typeName.LastIndexOfAny(['.', '+']) + 1)..];

    private static Dictionary<string, Type> IndexBySimpleName(IEnumerable<Assembly> assemblies)
    {
        var candidates = assemblies
            .SelectMany(assembly => assembly.GetTypes())
            .Select(type => (type, alias: type.GetCustomAttribute<AliasAttribute>()?.Alias))
            .Where(entry => entry.alias is not null)
            .SelectMany(entry => new[] { (name: SimpleName(entry.alias!), entry.type), (name: entry.type.Name, entry.type) })
            .Distinct()
            .GroupBy(entry => entry.name, StringComparer.Ordinal);

        // A simple name shared by two types could be either: it is not guessed.
        return candidates
            .Where(group => group.Select(entry => entry.type).Distinct().Count() == 1)
            .ToDictionary(group => group.Key, group => group.First().type, StringComparer.Ordinal);
    }

    /// <summary>"OrleansBots.X.Y, OrleansBots.Assembly" inside a generic argument list.</summary>
    [GeneratedRegex(@"(?<type>OrleansBots(?:\.\w+)+(?:\+\w+)*), (?<assembly>OrleansBots(?:\.\w+)*)")]
    private static partial Regex PlatformTypeName();
}
