using System.Globalization;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Execution;

/// <summary>
/// <c>--gpus all|0,1,…</c> (<c>ShapeDnnGpus</c>): the GPUs of this host that local workers spread over,
/// numbered as CUDA numbers the devices visible to this process.
/// </summary>
public sealed record GpuSelection
{
    private GpuSelection(IReadOnlyList<int>? ids) => Ids = ids;

    /// <summary>Every GPU the host has.</summary>
    public static GpuSelection All { get; } = new((IReadOnlyList<int>?)null);

    /// <summary>The GPUs named, in order and without repeats; null for <see cref="All"/>.</summary>
    public IReadOnlyList<int>? Ids { get; }

    /// <summary>Parses <c>all</c> or a comma-separated list of GPU numbers.</summary>
    /// <exception cref="ShapeDnnException">SDNN009 for anything else.</exception>
    public static GpuSelection Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Equals("all", StringComparison.OrdinalIgnoreCase)) return All;
        var ids = new List<int>();
        foreach (var part in trimmed.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int id))
                throw new ShapeDnnException(ErrorCode.BadOption, $"--gpus (ShapeDnnGpus) must be 'all' or GPU numbers such as 0,1, not '{text}'. Name the GPUs as nvidia-smi numbers them.");
            if (!ids.Contains(id)) ids.Add(id);
        }
        return new GpuSelection(ids);
    }

    /// <summary>The GPU numbers to use on a host whose CUDA sees <paramref name="deviceCount"/> devices.</summary>
    /// <exception cref="ShapeDnnException">SDNN019 when there is no CUDA device, or naming the GPU numbers the host does not have.</exception>
    public IReadOnlyList<int> Resolve(int deviceCount)
    {
        if (deviceCount <= 0)
            throw new ShapeDnnException(ErrorCode.DeviceUnavailable, "--gpus (ShapeDnnGpus) spreads workers over CUDA GPUs, but CUDA finds no GPU on this machine. Leave --gpus out to train on this machine's CPU or its single device.");
        if (Ids is null) return Enumerable.Range(0, deviceCount).ToList();
        var missing = Ids.Where(id => id >= deviceCount).ToList();
        if (missing.Count > 0)
            throw new ShapeDnnException(ErrorCode.DeviceUnavailable,
                $"--gpus (ShapeDnnGpus) names GPU {string.Join(", ", missing)}, but this machine has {deviceCount} GPU{(deviceCount == 1 ? "" : "s")} (0 … {deviceCount - 1}). Name GPUs from 0 to {deviceCount - 1}, or 'all'.");
        return Ids;
    }

    /// <summary>
    /// The <c>CUDA_VISIBLE_DEVICES</c> value that shows a worker exactly GPU <paramref name="id"/> of this
    /// process: CUDA reads the variable against the host's devices, so a process that itself sees only some
    /// of them (its own <paramref name="inherited"/> value) hands on the entry at that position.
    /// </summary>
    public static string VisibleDevicesFor(int id, string? inherited)
    {
        if (string.IsNullOrWhiteSpace(inherited)) return id.ToString(CultureInfo.InvariantCulture);
        var entries = inherited.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return id < entries.Length ? entries[id] : id.ToString(CultureInfo.InvariantCulture);
    }
}
