using ShapeDnn.Cli.Arguments;
using ShapeDnn.Training.Trainer;

namespace ShapeDnn.Cli.Training;

/// <summary>The trainer options shared by <c>search</c> and <c>train</c>: --device, --libtorch, --precision, --channels-last, --cudnn-autotune.</summary>
/// <param name="Device">auto, cpu or cuda.</param>
/// <param name="LibTorch">Explicit libtorch lib folder, or null.</param>
/// <param name="Precision">Null = the device's default.</param>
/// <param name="ChannelsLast">Null = the device's default.</param>
/// <param name="CudnnAutotune">Null = the trainer's default (off; CUDA only).</param>
internal sealed record TrainerSettings(string Device, string? LibTorch, TrainingPrecision? Precision, bool? ChannelsLast, bool? CudnnAutotune = null)
{
    public static readonly OptionSpec[] Options = [CliOptions.Device, CliOptions.LibTorch, CliOptions.Precision, CliOptions.ChannelsLast, CliOptions.CudnnAutotune];

    public static TrainerSettings From(CommandLine line) => new(
        (line.Value(CliOptions.Device) ?? "auto").ToLowerInvariant(),
        line.Value(CliOptions.LibTorch),
        line.Value(CliOptions.Precision) switch
        {
            null => null,
            var p when p.Equals("bf16", StringComparison.OrdinalIgnoreCase) => TrainingPrecision.Bf16,
            var p when p.Equals("tf32", StringComparison.OrdinalIgnoreCase) => TrainingPrecision.Tf32,
            var p when p.Equals("fp32", StringComparison.OrdinalIgnoreCase) => TrainingPrecision.Fp32,
            var p => throw new InvalidOperationException($"--precision '{p}' passed its check"),
        },
        OnOff(line.Value(CliOptions.ChannelsLast)),
        OnOff(line.Value(CliOptions.CudnnAutotune)));

    private static bool? OnOff(string? value) => value switch
    {
        null => null,
        var v when v.Equals("on", StringComparison.OrdinalIgnoreCase) || v.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
        _ => false,
    };

    /// <summary>These settings as arguments for a worker process.</summary>
    public IEnumerable<string> ToArguments()
    {
        yield return "--device"; yield return Device;
        if (LibTorch is not null) { yield return "--libtorch"; yield return Path.GetFullPath(LibTorch); }
        if (Precision is { } p) { yield return "--precision"; yield return p.ToString().ToLowerInvariant(); }
        if (ChannelsLast is { } c) { yield return "--channels-last"; yield return c ? "on" : "off"; }
        if (CudnnAutotune is { } a) { yield return "--cudnn-autotune"; yield return a ? "on" : "off"; }
    }
}
