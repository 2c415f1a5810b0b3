namespace ShapeDnn.Training.Native;

/// <summary>How <see cref="TorchNative.EnsureLoaded"/> finds and prepares the native libraries.</summary>
public sealed record TorchNativeOptions
{
    /// <summary>Name of the environment variable naming an existing libtorch <c>lib</c> folder.</summary>
    public const string LibTorchEnvironmentVariable = "SHAPEDNN_LIBTORCH";

    /// <summary>
    /// The <c>lib</c> folder of an existing libtorch (for example a PyTorch install's <c>torch/lib</c>)
    /// to use instead of the libtorch packaged with the application. Null: the environment variable
    /// <see cref="LibTorchEnvironmentVariable"/>, and if that is unset, the packaged libtorch.
    /// </summary>
    public string? LibTorchDirectory { get; init; }

    /// <summary>Receives one line per action taken (a patch written, libraries loaded). Null: silent.</summary>
    public Action<string>? Log { get; init; }
}
