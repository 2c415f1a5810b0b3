using System.Diagnostics;
using ShapeDnn.Build.Tests.Infrastructure;

namespace ShapeDnn.Build.Tests.Integration;

/// <summary>
/// The README's first command as a new user meets it: the sample builds from a clean clone, with no
/// task, worker or generated model there yet (the from-source targets must build what the build uses
/// before it uses it). Nothing else in the suite starts from a checkout without build outputs.
/// </summary>
[TestFixture, NonParallelizable]
public class SampleFromCleanCloneTests
{
    [Test]
    public void Should_build_the_sample_from_a_clean_clone()
    {
        // Given: a clone of this repository's committed state, without any build output, and an empty cache
        var root = Directory.CreateTempSubdirectory("shapednn-clone-").FullName;
        try
        {
            var clone = Path.Combine(root, "repo");
            using (var git = Process.Start(new ProcessStartInfo("git", ["clone", "-q", Repo.Root, clone]) { RedirectStandardError = true })!)
            {
                string error = git.StandardError.ReadToEnd();
                Assert.That(git.WaitForExit(TimeSpan.FromMinutes(2)) && git.ExitCode == 0, Is.True, $"git clone failed: {error}");
            }

            // When: the sample is built
            var build = Dotnet.Run(Path.Combine(clone, "samples", "FashionApp"),
                new Dictionary<string, string> { ["SHAPEDNN_CACHE"] = Path.Combine(root, "cache") }, "build", "-nologo", "-tl:off");

            // Then: it builds, having searched and generated the model it compiles against
            Assert.That(build.Succeeded, Is.True, build.ToString());
            var obj = Path.Combine(clone, "samples", "FashionApp", "obj");
            Assert.That(Directory.EnumerateFiles(obj, "FashionModel.g.cs", SearchOption.AllDirectories), Is.Not.Empty, "the generated class");
            Assert.That(Directory.EnumerateFiles(obj, "FashionModel.onnx", SearchOption.AllDirectories), Is.Not.Empty, "the trained network");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
