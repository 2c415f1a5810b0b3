using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace ShapeDnn.Latency;

/// <summary>What identifies a CPU measurement: the same values give comparable latencies.</summary>
/// <param name="CpuModel">The CPU model name (<c>model name</c> in /proc/cpuinfo), or the architecture where unknown.</param>
/// <param name="LogicalCores">Logical cores the process sees.</param>
/// <param name="IntraOpThreads">ONNX Runtime intra-op threads used.</param>
/// <param name="RuntimeVersion">ONNX Runtime version.</param>
/// <param name="OperatingSystem">OS family and architecture, e.g. <c>linux-x64</c> (no kernel version: a kernel
/// update should not invalidate every cached latency).</param>
public sealed record CpuDeviceInfo(string CpuModel, int LogicalCores, int IntraOpThreads, string RuntimeVersion, string OperatingSystem)
{
    /// <summary>The stable key used in cache entries.</summary>
    public string Fingerprint =>
        $"cpu={CpuModel};logical={LogicalCores};threads={IntraOpThreads};onnxruntime={RuntimeVersion};os={OperatingSystem}";

    /// <summary>A readable description, e.g. <c>AMD EPYC (2 logical cores), 2 threads, ONNX Runtime 1.31.1 CPU, linux-x64</c>.</summary>
    public string Description =>
        $"{CpuModel} ({LogicalCores} logical cores), {IntraOpThreads} threads, ONNX Runtime {RuntimeVersion} CPU, {OperatingSystem}";

    /// <summary>Describes this machine.</summary>
    /// <param name="intraOpThreads">The intra-op thread count the measurements use.</param>
    /// <param name="cpuInfoPath">Where to read the CPU model (injectable for tests).</param>
    public static CpuDeviceInfo Current(int intraOpThreads, string cpuInfoPath = "/proc/cpuinfo")
    {
        OnnxCpuSessionSettings.EnsureQuietEnvironment();
        return new CpuDeviceInfo(
            ReadCpuModel(cpuInfoPath) ?? $"unknown {RuntimeInformation.ProcessArchitecture} CPU",
            Environment.ProcessorCount,
            intraOpThreads,
            OrtEnv.Instance().GetVersionString(),
            $"{OsFamily()}-{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}");
    }

    /// <summary>The first <c>model name</c> (x86) or <c>Model</c>/<c>Hardware</c> (ARM) entry, whitespace collapsed.</summary>
    internal static string? ReadCpuModel(string cpuInfoPath)
    {
        string[] lines;
        try { lines = File.ReadAllLines(cpuInfoPath); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        foreach (var key in new[] { "model name", "Model", "Hardware" })
            foreach (var line in lines)
            {
                int colon = line.IndexOf(':');
                if (colon < 0 || line[..colon].Trim() != key) continue;
                string value = string.Join(' ', line[(colon + 1)..].Split(' ', '\t', StringSplitOptions.RemoveEmptyEntries));
                if (value.Length > 0) return value;
            }
        return null;
    }

    private static string OsFamily() =>
        System.OperatingSystem.IsLinux() ? "linux" : System.OperatingSystem.IsWindows() ? "windows" : System.OperatingSystem.IsMacOS() ? "macos" : "other";
}
