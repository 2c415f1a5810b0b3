using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ShapeDnn.DesignSpace;

namespace ShapeDnn.Latency.Cache;

/// <summary>What a cached energy figure depends on: the device, the counter and method, the shape, the input geometry and the batch size.</summary>
/// <param name="DeviceFingerprint">The latency profiler's <see cref="Profiles.ILatencyProfiler.DeviceFingerprint"/> (GPU or CPU, driver, runtime).</param>
/// <param name="MethodFingerprint">The meter's <see cref="Energy.IMeasuringEnergyMeter.MethodFingerprint"/> (counter and method version).</param>
/// <param name="Shape">The network shape.</param>
/// <param name="Input">Input geometry and class count.</param>
/// <param name="BatchSize">Images per forward pass.</param>
public sealed record EnergyCacheKey(string DeviceFingerprint, string MethodFingerprint, Shape Shape, InputShape Input, int BatchSize)
{
    /// <summary>Bumped when the entry's meaning changes, so that old entries stop matching.</summary>
    public const int FormatVersion = 1;

    /// <summary>The canonical text of the key, stored in the entry and compared on reading.</summary>
    public string Text => string.Create(CultureInfo.InvariantCulture,
        $"energy-v{FormatVersion}|{DeviceFingerprint}|{MethodFingerprint}|{Shape.Key}|{Input.Channels}x{Input.Height}x{Input.Width}/{Input.Classes}|b{BatchSize}");

    /// <summary>The entry's file name: a hash of <see cref="Text"/>, since fingerprints hold characters file systems reject.</summary>
    public string FileName => $"energy-{Shape.Key}-b{BatchSize}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)))[..24]}.json";
}
