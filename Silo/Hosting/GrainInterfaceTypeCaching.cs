using Orleans.Metadata;

namespace OrleansBots.Silo.Hosting;

public static class GrainInterfaceTypeCaching
{
    /// <summary>Puts <see cref="GrainInterfaceTypeCache"/> before Orleans' grain interface type providers; call it within <c>UseOrleans</c>.</summary>
    public static ISiloBuilder CacheGrainInterfaceTypes(this ISiloBuilder silo)
    {
        var first = silo.Services.ToList().FindIndex(descriptor => descriptor.ServiceType == typeof(IGrainInterfaceTypeProvider));
        if (first < 0)
        {
            throw new InvalidOperationException($"No {nameof(IGrainInterfaceTypeProvider)} is registered yet: {nameof(CacheGrainInterfaceTypes)} must be called within UseOrleans");
        }

        silo.Services.Insert(first, ServiceDescriptor.Singleton<IGrainInterfaceTypeProvider, GrainInterfaceTypeCache>());
        return silo;
    }
}
