namespace ShapeDnn.Constraints;

/// <summary>What the search optimises once every limit is met.</summary>
public enum Goal
{
    /// <summary>Fewest parameters.</summary>
    MinimizeSize,
    /// <summary>Lowest forward-pass latency on the deployment device.</summary>
    MinimizeLatency,
    /// <summary>Lowest energy per forward pass on the deployment device.</summary>
    MinimizeEnergy,
    /// <summary>Highest validation accuracy.</summary>
    MaximizeAccuracy,
}
