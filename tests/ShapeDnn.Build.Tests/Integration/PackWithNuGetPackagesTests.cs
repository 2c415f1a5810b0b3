using System.IO.Compression;
using ShapeDnn.Build.Tests.Infrastructure;

namespace ShapeDnn.Build.Tests.Integration;

/// <summary>
/// <c>dotnet pack</c> as CI jobs run it, with <c>NUGET_PACKAGES</c> set, with and without a trailing
/// slash: <c>$(NuGetPackageRoot)</c> then ends in a slash or not, and every path under it must still be found.
/// </summary>
[TestFixture, NonParallelizable]
public sealed class PackWithNuGetPackagesTests
{
    [TestCase("/", TestName = "Should_pack_when_NUGET_PACKAGES_ends_in_a_slash")]
    [TestCase("", TestName = "Should_pack_when_NUGET_PACKAGES_has_no_trailing_slash")]
    public void Pack_with_NUGET_PACKAGES(string trailing)
    {
        // The folder restore already uses, so nothing is downloaded: only its spelling changes.
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
            ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        packages = packages.TrimEnd('/') + trailing;
        var feed = Path.Combine(Path.GetTempPath(), "shapednn-build-tests", "pack-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var pack = Dotnet.RunWith(new Dictionary<string, string> { ["NUGET_PACKAGES"] = packages }, Repo.Root,
                "pack", Path.Combine(Repo.BuildFolder, "ShapeDnn.Build.csproj"), "-c", Repo.Configuration, "-o", feed, "-nologo", "-v:q", "-tl:off");

            Assert.That(pack.Succeeded, Is.True, pack.ToString());
            using var zip = ZipFile.OpenRead(Directory.GetFiles(feed, "ShapeDnn.Build.*.nupkg").Single());
            using var manifest = new StreamReader(zip.GetEntry("tools/worker/shapednn.native-files.txt")!.Open());
            var lines = manifest.ReadToEnd().Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
            Assert.That(lines, Has.Some.EndsWith("/libtorch_cpu.so"), "the libtorch files were found under the packages folder");
            Assert.That(lines, Has.All.StartsWith("libtorch-cpu-linux-x64/"), "paths are relative to the packages folder, however it was spelled");
        }
        finally
        {
            try { Directory.Delete(feed, recursive: true); } catch (IOException) { }
        }
    }
}
