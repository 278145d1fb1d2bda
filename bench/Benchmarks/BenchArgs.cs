namespace OrleansBots.Benchmarks;

/// <summary>The command line: <c>NAME [--quick] [--out FILE]</c>.</summary>
public sealed record BenchArgs(string Name, bool Quick, string? OutFile)
{
    public static BenchArgs? Parse(string[] args)
    {
        string? name = null;
        var quick = false;
        string? outFile = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--out" when i + 1 < args.Length:
                    outFile = args[++i];
                    break;
                case var other when !other.StartsWith("--", StringComparison.Ordinal) && name is null:
                    name = other;
                    break;
                default:
                    return null;
            }
        }

        return name is null ? null : new BenchArgs(name.ToLowerInvariant(), quick, outFile);
    }
}
