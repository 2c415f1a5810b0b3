using ShapeDnn.DesignSpace;

namespace ShapeDnn.Profiles;

/// <summary>A network loaded and warmed up, ready to run forward passes, e.g. for an energy meter's timed loop.</summary>
public interface IPreparedInference : IDisposable
{
    /// <summary>Runs one forward pass of one batch.</summary>
    void RunOnce();
}

/// <summary>Prepares networks for repeated forward passes on the deployment device.</summary>
public interface IInferenceWorkload
{
    /// <summary>Builds, loads and warms up <paramref name="plan"/> for batches of <paramref name="batchSize"/>.</summary>
    IPreparedInference Prepare(NetworkPlan plan, int batchSize);
}
