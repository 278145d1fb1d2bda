namespace OrleansBots.Silo.Charts;

public static class ChartsRegistration
{
    /// <summary>The charts of the operator's page: their data source and the rendered images.</summary>
    public static IServiceCollection AddCharts(this IServiceCollection services)
    {
        services.AddSingleton<ChartSource>();
        services.AddSingleton<RenderedCharts>();
        return services;
    }
}
