namespace OrleansBots.Chat;

/// <summary>An HTTP API with a limit of its own (<c>Chat__HelperApis__N__Url</c>, <c>…__RequestsPerSecond</c>).</summary>
public sealed class HelperApiOptions
{
    public string Url { get; set; } = string.Empty;

    public double RequestsPerSecond { get; set; }
}
