namespace ShapeDnn.Diagnostics;

/// <summary>
/// The documented limits of every value a user gives (README, "Limits"). Each is checked where the
/// value is parsed, before anything is built, so that no input can make ShapeDnn allocate, enumerate
/// or train without bound. One constant per limit, so the parsers, the MSBuild task and the docs agree.
/// </summary>
public static class Limits
{
    /// <summary>Deepest network: depth 6n+4 up to 100 (n = 16 blocks per group; the paper's space ends at 64).</summary>
    public const int MaxDepth = 100;

    /// <summary>Widest width multiplier k (WRN-28-10 is the widest published; 64 leaves room).</summary>
    public const double MaxWidth = 64;

    /// <summary>Width multipliers have at most this many decimals: shapes are named and cached by width to three decimals.</summary>
    public const int WidthDecimals = 3;

    /// <summary>Most shapes in a design space (the paper's space has 110).</summary>
    public const int MaxShapes = 1000;

    /// <summary>Largest batch, for latency and energy (<c>--batch-size</c>, <c>--batch-sizes</c>, <c>ShapeDnnBatchSize</c>) and for training (<c>--batch-size-train</c>, a recipe's <c>BatchSize</c>).</summary>
    public const int MaxBatchSize = 4096;

    /// <summary>Most training epochs per shape.</summary>
    public const int MaxEpochs = 1000;

    /// <summary>Fewest validation images a budget may ask for: below this, validation accuracy moves in steps of more than 2 %.</summary>
    public const int MinValidationImages = 50;

    /// <summary>Smallest image side in pixels: three stride-2 stages need at least 4 × 4.</summary>
    public const int MinImageSide = 4;

    /// <summary>Largest image side in pixels (also the most an IDX header may claim).</summary>
    public const int MaxImageSide = 4096;

    /// <summary>Most image channels.</summary>
    public const int MaxChannels = 64;

    /// <summary>Most output classes of <c>shapes</c> and <c>profile</c> (<c>--classes</c>).</summary>
    public const int MaxClasses = 100_000;

    /// <summary>Most shapes trained at a time (<c>--parallel</c>).</summary>
    public const int MaxParallel = 64;

    /// <summary>Most CPU threads (<c>--threads</c>).</summary>
    public const int MaxThreads = 1024;

    /// <summary>Most repetitions of one measurement (<c>profile --repeat</c>).</summary>
    public const int MaxRepeat = 100;

    /// <summary>Longest energy window in seconds (<c>profile --energy-window</c>).</summary>
    public const int MaxEnergyWindowSeconds = 600;

    /// <summary>Longest model (class) name: it names the three output files, and file names have at most 255 bytes.</summary>
    public const int MaxNameLength = 128;

    /// <summary>Longest namespace.</summary>
    public const int MaxNamespaceLength = 512;

    /// <summary>Why <paramref name="height"/> × <paramref name="width"/> × <paramref name="channels"/> images cannot be searched, or null when they can.</summary>
    /// <remarks>The one rule for image geometry: <c>shapes</c>/<c>profile --input</c> and every dataset a search or training loads go through it.</remarks>
    public static string? ImageProblem(int channels, int height, int width)
    {
        if (channels < 1 || channels > MaxChannels) return $"images have {channels} channels; 1 to {MaxChannels} are supported";
        if (height < MinImageSide || width < MinImageSide)
            return $"images are {height}x{width} pixels; they must be at least {MinImageSide}x{MinImageSide} for the three stride-2 stages of a Wide ResNet";
        if (height > MaxImageSide || width > MaxImageSide)
            return $"images are {height}x{width} pixels; at most {MaxImageSide}x{MaxImageSide} are supported";
        return null;
    }

    /// <summary>Why <paramref name="batchSize"/> is not a batch size, or null when it is one.</summary>
    public static string? BatchSizeProblem(long batchSize) =>
        batchSize is >= 1 and <= MaxBatchSize ? null : $"a batch size must be between 1 and {MaxBatchSize:N0}, not {batchSize}";
}
