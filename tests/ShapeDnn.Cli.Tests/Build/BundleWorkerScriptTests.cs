using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace ShapeDnn.Cli.Tests.Build;

/// <summary>build/bundle-worker.sh's exclusion check: a bundle holding the packaged libtorch must fail.</summary>
public sealed class BundleWorkerScriptTests
{
    private static readonly string Script = Path.GetFullPath(Path.Combine(Here(), "..", "..", "..", "build", "bundle-worker.sh"));

    private static string Here([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    private static (int Code, string Stderr) Check(string folder)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { Script, "--check-only", folder }) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        string err = p.StandardError.ReadToEnd();
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, err);
    }

    private static string FakeBundle(params string[] files)
    {
        var dir = Directory.CreateTempSubdirectory("sdnn-bundle-").FullName;
        foreach (var f in new[] { "shapednn", "libLibTorchSharp.so", "TorchSharp.dll", "libonnxruntime.so" }.Concat(files))
            File.WriteAllText(Path.Combine(dir, f), "");
        return dir;
    }

    [Test]
    public void A_bundle_without_libtorch_passes()
    {
        var dir = FakeBundle();
        try { Assert.That(Check(dir).Code, Is.EqualTo(0)); }
        finally { Directory.Delete(dir, true); }
    }

    [TestCase("libtorch_cpu.so")]
    [TestCase("libc10.so")]
    [TestCase("libgomp-98b21ff3.so.1")]
    [TestCase("libtorch.so")]
    public void A_bundle_with_the_packaged_libtorch_fails(string file)
    {
        var dir = FakeBundle(file);
        try
        {
            var (code, err) = Check(dir);
            Assert.That(code, Is.Not.EqualTo(0));
            Assert.That(err, Does.Contain(file));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Test]
    public void A_bundle_without_TorchSharps_bridge_fails()
    {
        var dir = FakeBundle();
        File.Delete(Path.Combine(dir, "libLibTorchSharp.so"));
        try { Assert.That(Check(dir).Stderr, Does.Contain("libLibTorchSharp.so is missing")); }
        finally { Directory.Delete(dir, true); }
    }
}
