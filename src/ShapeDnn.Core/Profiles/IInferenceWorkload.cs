using ShapeDnn.DesignSpace;

namespace ShapeDnn.Profiles;

/// <summary>A network loaded and warmed up, ready to run forward passes, e.g. for an energy meter's timed loop.</summary>
public interface IPreparedInference : IDisposable
{
    /// <summary>
    /// Runs <paramref name="passes"/> forward passes of one batch back to back and returns only when
    /// the device has finished all of them. A GPU implementation launches them without waiting and
    /// synchronises once at the end, so that the host's launch work overlaps the device's execution
    /// as in a running app, and a clock read around the call sees finished work.
    /// </summary>
    void Run(int passes);
}

/// <summary>Prepares networks for repeated forward passes on the deployment device.</summary>
public interface IInferenceWorkload
{
    /// <summary>Builds, loads and warms up <paramref name="plan"/> for batches of <paramref name="batchSize"/>.</summary>
    IPreparedInference Prepare(NetworkPlan plan, int batchSize);
}
