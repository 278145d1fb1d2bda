namespace OrleansBots.Capacity;

/// <summary>How full the platform is: LOW below 50 %, HEALTHY below 80 %, WARNING below 100 %, FULL at 100 % or more.</summary>
public enum CapacityStatus
{
    Low,
    Healthy,
    Warning,
    Full,
}
