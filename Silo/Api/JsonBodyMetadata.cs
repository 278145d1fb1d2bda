namespace OrleansBots.Silo.Api;

/// <summary>
/// Endpoint metadata naming the JSON body an endpoint reads through <see cref="JsonBody{T}"/>, for the
/// OpenAPI document. (The framework's own Accepts metadata would also refuse other content types.)
/// </summary>
public sealed record JsonBodyMetadata(Type Type);
