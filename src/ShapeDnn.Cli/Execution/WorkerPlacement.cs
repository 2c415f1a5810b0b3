namespace ShapeDnn.Cli.Execution;

/// <summary>
/// Where one local worker runs: the environment that pins it there (e.g. <c>CUDA_VISIBLE_DEVICES</c>)
/// and the slot it holds until it ends. Disposing gives the slot back.
/// </summary>
/// <param name="environment">Variables set for the worker.</param>
/// <param name="description">For logs, e.g. <c>GPU 1</c>; null when there is nothing to say.</param>
/// <param name="release">Gives the slot back.</param>
internal sealed class WorkerPlacement(IReadOnlyDictionary<string, string> environment, string? description, Action? release = null) : IDisposable
{
    private Action? _release = release;

    /// <summary>A placement that pins nothing and holds no slot: the worker runs where this process runs.</summary>
    public static WorkerPlacement Anywhere() => new(new Dictionary<string, string>(), null);

    /// <summary>Variables set for the worker.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; } = environment;

    /// <summary>For logs, e.g. <c>GPU 1</c>; null when there is nothing to say.</summary>
    public string? Description { get; } = description;

    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}
