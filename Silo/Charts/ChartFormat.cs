namespace OrleansBots.Silo.Charts;

public enum ChartFormat
{
    Png,
    Svg,
}
