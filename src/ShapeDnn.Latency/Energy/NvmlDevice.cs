namespace ShapeDnn.Latency.Energy;

/// <summary>One NVIDIA GPU seen through NVML: its name, the driver version and its total-energy counter.</summary>
public sealed class NvmlDevice : IEnergyCounter
{
    private readonly nint _handle;

    private NvmlDevice(int index, nint handle, string name, string driverVersion)
    {
        Index = index;
        _handle = handle;
        Name = name;
        DriverVersion = driverVersion;
    }

    /// <summary>The NVML device index (the same order as CUDA's unless CUDA_VISIBLE_DEVICES reorders).</summary>
    public int Index { get; }

    /// <summary>The product name, e.g. <c>NVIDIA H100 80GB HBM3</c>.</summary>
    public string Name { get; }

    /// <summary>The driver version, e.g. <c>580.95.05</c>.</summary>
    public string DriverVersion { get; }

    /// <inheritdoc />
    public string Description => $"NVML total-energy counter of {Name} (GPU {Index}, driver {DriverVersion})";

    /// <summary>Opens GPU <paramref name="index"/> and checks that its energy counter reads; null and why not otherwise.</summary>
    public static NvmlDevice? TryOpen(int index, out string reason)
    {
        if (NvmlNative.TryInitialise() is { } failure)
        {
            reason = failure;
            return null;
        }
        int status = NvmlNative.DeviceHandle((uint)index, out var handle);
        if (status != 0)
        {
            reason = $"NVML has no GPU {index}: {NvmlNative.ErrorString(status)}";
            return null;
        }
        var device = new NvmlDevice(index, handle, NvmlNative.Name(handle), NvmlNative.DriverVersion());
        status = NvmlNative.TotalEnergy(handle, out _);
        if (status != 0)
        {
            // Pre-Volta GPUs and some virtualised ones answer NOT_SUPPORTED; containers may answer NO_PERMISSION.
            reason = $"NVML refuses the total-energy counter of {device.Name}: {NvmlNative.ErrorString(status)}";
            return null;
        }
        reason = device.Description;
        return device;
    }

    /// <inheritdoc />
    public ulong ReadMillijoules()
    {
        int status = NvmlNative.TotalEnergy(_handle, out var value);
        return status == 0 ? value : throw new EnergyCounterException($"NVML stopped answering for {Name}: {NvmlNative.ErrorString(status)}");
    }
}
