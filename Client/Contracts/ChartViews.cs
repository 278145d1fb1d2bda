namespace OrleansBots.Contracts;

/// <summary>One chart of the admin page and where to download it.</summary>
public sealed record ChartView(string Name, string Title, string Png, string Svg);

public sealed record ChartListResponse(bool Success, IReadOnlyList<ChartView> Charts);
