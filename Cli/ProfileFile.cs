namespace OrleansBots.Cli;

/// <summary>The profiles file: the profile used when none is named, and every profile by name.</summary>
public sealed record ProfileFile(string Current, Dictionary<string, Profile> Profiles);
