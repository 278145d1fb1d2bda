using Orleans.Serialization;

namespace OrleansBots.Silo.Storage;

/// <summary>
/// A storage failure on one silo (PostgreSQL down or restarting) reaches a caller on another silo as itself. Orleans
/// serializes exceptions of its allow-listed namespaces only; an <c>NpgsqlException</c>, alone or inside the
/// <see cref="OrleansException"/> a grain storage wraps it in, would arrive as a <c>CodecNotFoundException</c>, which the
/// HTTP API can only answer with 500. As itself it is a storage outage: 503 with Retry-After.
/// </summary>
public static class StorageErrorSerialization
{
    public const string NpgsqlNamespace = "Npgsql";

    public static IServiceCollection SerializeStorageErrors(this IServiceCollection services) =>
        services.Configure<ExceptionSerializationOptions>(options => options.SupportedNamespacePrefixes.Add(NpgsqlNamespace));
}
