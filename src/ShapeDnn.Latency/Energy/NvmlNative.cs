using System.Runtime.InteropServices;
using System.Text;

namespace ShapeDnn.Latency.Energy;

/// <summary>
/// The few NVML functions ShapeDnn uses, bound at run time from <c>libnvidia-ml.so.1</c> (installed
/// with the NVIDIA driver), so that a machine without it gets a clear reason, not a load failure.
/// </summary>
internal static unsafe class NvmlNative
{
    public const string LibraryName = "libnvidia-ml.so.1";
    private const int Success = 0;
    private static readonly Lock Gate = new();
    private static nint _library;

    private static delegate* unmanaged<int> _init;
    private static delegate* unmanaged<uint, nint*, int> _handleByIndex;
    private static delegate* unmanaged<nint, ulong*, int> _totalEnergy;
    private static delegate* unmanaged<nint, byte*, uint, int> _name;
    private static delegate* unmanaged<byte*, uint, int> _driverVersion;
    private static delegate* unmanaged<int, nint> _errorString;

    /// <summary>Loads the library and initialises NVML; null on success, else why not.</summary>
    public static string? TryInitialise()
    {
        lock (Gate)
        {
            if (_library == 0)
            {
                if (!NativeLibrary.TryLoad(LibraryName, out var library))
                    return $"{LibraryName} cannot be loaded (no NVIDIA driver on this machine)";
                try
                {
                    _init = (delegate* unmanaged<int>)NativeLibrary.GetExport(library, "nvmlInit_v2");
                    _handleByIndex = (delegate* unmanaged<uint, nint*, int>)NativeLibrary.GetExport(library, "nvmlDeviceGetHandleByIndex_v2");
                    _totalEnergy = (delegate* unmanaged<nint, ulong*, int>)NativeLibrary.GetExport(library, "nvmlDeviceGetTotalEnergyConsumption");
                    _name = (delegate* unmanaged<nint, byte*, uint, int>)NativeLibrary.GetExport(library, "nvmlDeviceGetName");
                    _driverVersion = (delegate* unmanaged<byte*, uint, int>)NativeLibrary.GetExport(library, "nvmlSystemGetDriverVersion");
                    _errorString = (delegate* unmanaged<int, nint>)NativeLibrary.GetExport(library, "nvmlErrorString");
                }
                catch (EntryPointNotFoundException e)
                {
                    return $"{LibraryName} lacks a function ShapeDnn needs ({e.Message}); the driver is too old";
                }
                _library = library;
            }
            // nvmlInit may be called repeatedly; NVML counts references. ShapeDnn never shuts it down
            // before the process ends, since other meters may still hold device handles.
            int status = _init();
            return status == Success ? null : $"nvmlInit failed: {ErrorString(status)}";
        }
    }

    public static int DeviceHandle(uint index, out nint device)
    {
        nint handle;
        int status = _handleByIndex(index, &handle);
        device = handle;
        return status;
    }

    public static int TotalEnergy(nint device, out ulong millijoules)
    {
        ulong value;
        int status = _totalEnergy(device, &value);
        millijoules = value;
        return status;
    }

    public static string Name(nint device) => ReadString(64 + 32, (buffer, length) => _name(device, buffer, length));

    public static string DriverVersion() => ReadString(80, (buffer, length) => _driverVersion(buffer, length));

    public static string ErrorString(int status)
    {
        nint text = _errorString is null ? 0 : _errorString(status);
        return text == 0 ? $"NVML error {status}" : $"{Marshal.PtrToStringUTF8(text)} (NVML error {status})";
    }

    private delegate int StringCall(byte* buffer, uint length);

    private static string ReadString(int size, StringCall call)
    {
        var buffer = stackalloc byte[size];
        int status = call(buffer, (uint)size);
        if (status != Success) return $"unknown ({ErrorString(status)})";
        return Encoding.UTF8.GetString(buffer, new ReadOnlySpan<byte>(buffer, size).IndexOf((byte)0) is var n and >= 0 ? n : size);
    }
}
