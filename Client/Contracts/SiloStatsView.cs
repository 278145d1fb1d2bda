namespace OrleansBots.Contracts;

/// <summary>One silo in <c>/api/admin/stats</c>: membership, its hardware and budgets, and its latest load (null until it registered).</summary>
public sealed record SiloStatsView(string Address, string Name, string Status, SiloHardware? Hardware, SiloLoadSample? Load);
