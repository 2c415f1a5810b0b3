using System.Reflection;
using TorchSharp;

namespace ShapeDnn.Training.Tests.Native;

/// <summary>The pristine bridge as NuGet restored it: a real ELF file to test the patch on (read only).</summary>
internal static class TorchSharpBridgeFixture
{
    public static string PristinePath
    {
        get
        {
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
            if (string.IsNullOrEmpty(packages))
                packages = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            var version = typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!
                .InformationalVersion.Split('+')[0];
            var path = Path.Combine(packages, "torchsharp", version, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
            if (!File.Exists(path)) Assert.Ignore($"The restored TorchSharp bridge is not at {path}.");
            return path;
        }
    }
}
