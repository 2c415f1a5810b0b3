using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ShapeDnn.DesignSpace;

namespace ShapeDnn.Latency.Cache;

/// <summary>What a cached latency depends on: the device, the shape, the input geometry and the batch size.</summary>
/// <param name="DeviceFingerprint">The profiler's <see cref="Profiles.ILatencyProfiler.DeviceFingerprint"/>.</param>
/// <param name="Shape">The network shape.</param>
/// <param name="Input">Input geometry and class count (the class count sizes the classifier).</param>
/// <param name="BatchSize">Images per forward pass.</param>
public sealed record LatencyCacheKey(string DeviceFingerprint, Shape Shape, InputShape Input, int BatchSize)
{
    /// <summary>Bumped when the measuring method changes, so that old entries stop matching
    /// (2: samples of several back-to-back passes on a GPU, time-based warm-up; 3: a noisy figure is measured
    /// again and, still noisy, never cached, so entries cached before that are measured again).</summary>
    public const int MethodVersion = 3;

    /// <summary>The canonical text of the key, stored in the entry and compared on reading.</summary>
    public string Text => string.Create(CultureInfo.InvariantCulture,
        $"v{MethodVersion}|{DeviceFingerprint}|{Shape.Key}|{Input.Channels}x{Input.Height}x{Input.Width}/{Input.Classes}|b{BatchSize}");

    /// <summary>The entry's file name: a hash of <see cref="Text"/>, since fingerprints hold characters file systems reject.</summary>
    public string FileName => $"latency-{Shape.Key}-b{BatchSize}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)))[..24]}.json";
}
