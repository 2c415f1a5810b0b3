using Microsoft.ML.OnnxRuntime;

namespace ShapeDnn.Latency;

/// <summary>
/// The ONNX Runtime session settings of the deployed model. Latency is measured with exactly these
/// settings and the generated inference code must create its session with them too (through this
/// class or the runtime helper), otherwise the measured latency is not the latency the app sees.
/// </summary>
/// <remarks>
/// CPU execution provider only; graph optimisation level ALL (constant folding, batch-norm fusion
/// into convolutions, layout transforms); sequential execution with one inter-op thread, because a
/// Wide ResNet is a chain with nothing to run side by side; <c>intraOpThreads</c> threads inside
/// operators, by default <see cref="Environment.ProcessorCount"/> (ONNX Runtime's own default is
/// the physical core count, which makes measurements depend on SMT detection); logging at FATAL
/// only, so that ONNX Runtime never writes to the user's console or build log.
/// </remarks>
public static class OnnxCpuSessionSettings
{
    /// <summary>The default intra-op thread count: <see cref="Environment.ProcessorCount"/>.</summary>
    public static int DefaultIntraOpThreads => Environment.ProcessorCount;

    /// <summary>Creates the session options. The caller disposes them.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="intraOpThreads"/> is less than 1.</exception>
    public static SessionOptions Create(int intraOpThreads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intraOpThreads, 1);
        EnsureQuietEnvironment();
        return new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL,
        };
    }

    /// <summary>
    /// Creates the process-wide ONNX Runtime environment with FATAL logging if nobody has yet; the
    /// environment's default (WARNING) would print optimiser notes to the console.
    /// </summary>
    public static void EnsureQuietEnvironment()
    {
        lock (Gate)
        {
            if (OrtEnv.IsCreated) return;
            var options = new EnvironmentCreationOptions { logLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL, logId = "ShapeDnn" };
            OrtEnv.CreateInstanceWithOptions(ref options);
        }
    }

    private static readonly Lock Gate = new();
}
