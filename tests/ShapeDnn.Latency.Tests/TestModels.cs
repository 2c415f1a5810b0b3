using ShapeDnn.DesignSpace;
using ShapeDnn.Families;

namespace ShapeDnn.Latency.Tests;

/// <summary>Plans and profiler settings shared by the tests, sized so that the whole project runs in seconds.</summary>
internal static class TestModels
{
    /// <summary>WRN-10-0.25 on 1×8×8: about 0.05 M multiply-accumulates.</summary>
    public static NetworkPlan Tiny => WideResNetPlanner.Plan(new Shape(10, 0.25), new InputShape(1, 8, 8, 10));

    /// <summary>WRN-16-2 on 1×28×28: about 75 M multiply-accumulates, over a thousand times <see cref="Tiny"/>.</summary>
    public static NetworkPlan Large => WideResNetPlanner.Plan(new Shape(16, 2), new InputShape(1, 28, 28, 10));

    public static OnnxCpuProfilerOptions QuickOptions => new(WarmupRuns: 2, MinRuns: 10, MaxRuns: 200, TimeCap: TimeSpan.FromSeconds(1.5));

    /// <summary>A stand-in model factory that counts how often it is asked for a model.</summary>
    public sealed class CountingFactory
    {
        public int Calls;

        public byte[] Build(NetworkPlan plan, IReadOnlyList<Tensors.NamedTensor> weights)
        {
            Interlocked.Increment(ref Calls);
            return StandInOnnxModel.Build(plan, weights);
        }
    }
}
