using System.IO.Compression;
using ShapeDnn.Build.Tests.Infrastructure;

namespace ShapeDnn.Build.Tests.Integration;

/// <summary>
/// The packages as a user gets them: <c>dotnet pack</c> of ShapeDnn.Build and ShapeDnn.Runtime into a
/// local folder, and a project outside the repository (named <c>my-app</c>, so its namespace is made
/// valid) whose project file is README's MSBuild snippet and whose program is README's C# snippet,
/// referencing the packages from there (its own NuGet.config, the normal source behind it), builds,
/// runs, and publishes framework-dependent and for linux-x64, and each published app runs. Lean on
/// purpose: one tiny search; the publishes find every trained shape in the test's cache.
/// </summary>
[TestFixture, NonParallelizable]
public sealed class PackageConsumerTests
{
    private static readonly string[] FashionLabels = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    [Test]
    public void Should_build_run_and_publish_a_project_that_references_the_packed_packages()
    {
        // Given: the packages in a local feed
        var root = Path.Combine(Path.GetTempPath(), "shapednn-build-tests", "consumer-" + Guid.NewGuid().ToString("N")[..8]);
        var feed = Path.Combine(root, "feed");
        var app = Path.Combine(root, "my-app");
        Directory.CreateDirectory(app);
        try
        {
            foreach (var project in new[] { Path.Combine(Repo.BuildFolder, "ShapeDnn.Build.csproj"), Path.Combine(Repo.RuntimeProjectFolder, "ShapeDnn.Runtime.csproj") })
            {
                var pack = Dotnet.Run(Repo.Root, "pack", project, "-c", Repo.Configuration, "-o", feed, "-nologo", "-v:q", "-tl:off");
                Assert.That(pack.Succeeded, Is.True, pack.ToString());
            }
            var buildPackage = Directory.GetFiles(feed, "ShapeDnn.Build.*.nupkg").Single();
            TestContext.Out.WriteLine($"{Path.GetFileName(buildPackage)}: {new FileInfo(buildPackage).Length / 1e6:0.0} MB");
            using (var zip = ZipFile.OpenRead(buildPackage))
            {
                var names = zip.Entries.Select(e => e.FullName).ToList();
                Assert.That(names, Does.Contain("build/ShapeDnn.Build.targets").And.Contain("tasks/net10.0/ShapeDnn.Build.Tasks.dll").And.Contain("tools/worker/shapednn.dll")
                    .And.Contain("tools/worker/ShapeDnn.Reporting.Html.dll").And.Contain("tools/worker/OxyPlot.dll").And.Contain("README.md"));
                Assert.That(names.Where(n => n.Contains("libtorch_cpu", StringComparison.Ordinal)), Is.Empty, "libtorch comes from the NuGet cache, not the package");
                string nuspec = new StreamReader(zip.GetEntry("ShapeDnn.Build.nuspec")!.Open()).ReadToEnd();
                Assert.That(nuspec, Does.Contain("<developmentDependency>true</developmentDependency>").And.Contain("<license type=\"expression\">MIT</license>").And.Contain("<readme>README.md</readme>"));
                Assert.That(nuspec, Does.Not.Contain("example.invalid").And.Not.Contain("Microsoft.ML.OnnxRuntime"), "run-time dependencies belong to ShapeDnn.Runtime");
                Assert.That(nuspec, Does.Not.Contain("libtorch"), "libtorch is restored by the first search, not by every consumer's restore");
            }
            using (var zip = ZipFile.OpenRead(Directory.GetFiles(feed, "ShapeDnn.Runtime.*.nupkg").Single()))
            {
                string nuspec = new StreamReader(zip.GetEntry("ShapeDnn.Runtime.nuspec")!.Open()).ReadToEnd();
                Assert.That(nuspec, Does.Contain("id=\"Microsoft.ML.OnnxRuntime\"").And.Contain("id=\"StbImageSharp\"").And.Contain("<readme>README.md</readme>"));
                Assert.That(zip.GetEntry("buildTransitive/ShapeDnn.Runtime.targets"), Is.Not.Null, "the targets that keep only this machine's natives");
            }

            // A private global packages folder (so a re-packed 0.1.0 is never stale) over the user's cache as fallback.
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            File.WriteAllText(Path.Combine(app, "NuGet.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <config><add key="globalPackagesFolder" value="{Path.Combine(root, "packages")}" /></config>
                  <packageSources>
                    <clear />
                    <add key="local" value="{feed}" />
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
                  </packageSources>
                  <fallbackPackageFolders><add key="user" value="{Path.Combine(home, ".nuget", "packages")}" /></fallbackPackageFolders>
                </configuration>
                """);
            File.WriteAllText(Path.Combine(app, "Directory.Build.props"), "<Project />\n");
            // README's MSBuild snippet as written, then what a test must change: a tiny search on the
            // sample subset (README's latency and accuracy limits need the full dataset and the quick
            // budget), which is not the recognised Fashion-MNIST test split and so gets its labels.
            File.WriteAllText(Path.Combine(app, "my-app.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                  </PropertyGroup>
                {ReadmeSnippet("xml")}
                  <PropertyGroup>
                    <ShapeDnnConstraints>MaxParameters=1M</ShapeDnnConstraints>
                    <ShapeDnnDataset>{Repo.SampleData}</ShapeDnnDataset>
                    <ShapeDnnClassLabels>{string.Join(';', FashionLabels)}</ShapeDnnClassLabels>
                    <ShapeDnnDesignSpace>{TestProject.TinySpace}</ShapeDnnDesignSpace>
                    <ShapeDnnBudget>{TestProject.TinyBudget}</ShapeDnnBudget>
                    <ShapeDnnCacheDir>{Path.Combine(root, "cache")}</ShapeDnnCacheDir>
                  </PropertyGroup>
                </Project>
                """);
            // README's C# snippet, with the namespace made from 'my-app' and the pixels and the photo it classifies.
            File.WriteAllText(Path.Combine(app, "Program.cs"), "using my_app;\nbyte[] pixels = new byte[FashionModel.BytesPerImage];\n" + ReadmeSnippet("csharp") + "\n");
            WritePhoto(Path.Combine(app, "shoe.jpg"));
            WritePhoto(Path.Combine(root, "shoe.jpg"));
            string label = $"({string.Join('|', FashionLabels.Select(System.Text.RegularExpressions.Regex.Escape))})";
            string expected = $@"(?m)^{label} \([^)]*%\) on CPU\s*\n  {label}: [^\n]*%\s*\n  {label}: ";
            string portable = Path.Combine(root, "publish-portable"), linux = Path.Combine(root, "publish-linux-x64");

            // When
            var build = Dotnet.Build(app);
            // Before the linux-x64 publish adds its own build under bin/Debug/net10.0/linux-x64/.
            string binSize = Megabytes(Path.Combine(app, "bin", "Debug", "net10.0"));
            var run = Dotnet.Run(app, "run", "--no-build");
            var publishPortable = Dotnet.Run(app, "publish", "-c", "Debug", "-nologo", "-v:q", "-tl:off", "-o", portable);
            var runPortable = Dotnet.Run(root, "exec", Path.Combine(portable, "my-app.dll"));
            var publishLinux = Dotnet.Run(app, "publish", "-c", "Debug", "-r", "linux-x64", "--self-contained", "false", "-nologo", "-v:q", "-tl:off", "-o", linux);
            var runLinux = Execute(Path.Combine(linux, "my-app"), root);

            // Then
            Assert.That(build.Succeeded, Is.True, build.ToString());
            Assert.That(build.Output, Does.Contain("prepared the worker in"), "the packaged worker runs against the cached libtorch");
            Assert.That(build.Output, Does.Contain("ShapeDnn: restoring libtorch-cpu-linux-x64"), "the first search restores libtorch");
            string assets = File.ReadAllText(Path.Combine(app, "obj", "project.assets.json"));
            Assert.That(assets, Does.Not.Contain("libtorch"), "the consumer's own restore brings no libtorch");
            Assert.That(build.Output, Does.Match(@"Report: \S*FashionModel\.report\.html"), "the packaged worker writes the HTML report");
            Assert.That(run.Succeeded, Is.True, run.ToString());
            Assert.That(run.Output, Does.Match(expected));
            Assert.That(publishPortable.Succeeded, Is.True, publishPortable.ToString());
            Assert.That(runPortable.Succeeded, Is.True, "the framework-dependent published app runs: " + runPortable);
            Assert.That(runPortable.Output, Does.Match(expected));
            Assert.That(publishLinux.Succeeded, Is.True, publishLinux.ToString());
            Assert.That(runLinux.Succeeded, Is.True, "the linux-x64 published app runs: " + runLinux);
            Assert.That(runLinux.Output, Does.Match(expected));
            foreach (var folder in new[] { portable, linux })
                Assert.That(File.Exists(Path.Combine(folder, "FashionModel.onnx")), Is.True, $"the ONNX file is published to {folder}");
            string onnx = System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(linux, "FashionModel.onnx")));
            Assert.That(onnx, Does.Contain("shapednn.class_labels").And.Contain("[\"T-shirt/top\",\"Trouser\""), "the labels are in the model's metadata");
            Assert.That(Directory.Exists(Path.Combine(linux, "runtimes")), Is.False, "a linux-x64 publish carries no other platform's natives");
            Assert.That(File.Exists(Path.Combine(linux, "libonnxruntime.so")), Is.True, "a linux-x64 publish carries linux-x64's ONNX Runtime");
            Assert.That(Directory.EnumerateFiles(root, "libtorch_cpu.so", SearchOption.AllDirectories).Where(f => !f.StartsWith(Path.Combine(root, "packages"), StringComparison.Ordinal)
                && !f.StartsWith(Path.Combine(root, "cache"), StringComparison.Ordinal)), Is.Empty, "the app gets ONNX Runtime, never libtorch");
            // Without a runtime identifier, ShapeDnn.Runtime keeps only the build machine's ONNX Runtime natives (the apps ran above).
            string bin = Path.Combine(app, "bin", "Debug", "net10.0");
            foreach (var folder in new[] { bin, portable })
            {
                Assert.That(Directory.GetDirectories(Path.Combine(folder, "runtimes")).Select(Path.GetFileName), Is.EqualTo(new[] { "linux-x64" }),
                    $"{folder} carries no other platform's natives");
                Assert.That(File.Exists(Path.Combine(folder, "runtimes", "linux-x64", "native", "libonnxruntime.so")), Is.True, $"{folder} carries linux-x64's ONNX Runtime");
            }
            TestContext.Out.WriteLine($"bin (portable build): {binSize}, publish portable: {Megabytes(portable)}, publish linux-x64: {Megabytes(linux)}");
            TestContext.Out.WriteLine($"consumer restore (packages in obj/project.assets.json, unpacked): {RestoredMegabytes(assets, root, home)}");
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The first block of <paramref name="language"/> in README's "In your project (MSBuild)" section.</summary>
    private static string ReadmeSnippet(string language)
    {
        string readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md")).ReplaceLineEndings("\n");
        int section = readme.IndexOf("## In your project (MSBuild)", StringComparison.Ordinal);
        int start = readme.IndexOf($"```{language}\n", section, StringComparison.Ordinal) + language.Length + 4;
        return readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
    }

    /// <summary>A 56×56 grey JPEG (a bright square on black), for the snippet's <c>Predict("shoe.jpg")</c>.</summary>
    private static void WritePhoto(string path)
    {
        var pixels = new byte[56 * 56];
        for (int y = 14; y < 42; y++)
            for (int x = 14; x < 42; x++) pixels[y * 56 + x] = 220;
        using var file = File.Create(path);
        new StbImageWriteSharp.ImageWriter().WriteJpg(pixels, 56, 56, StbImageWriteSharp.ColorComponents.Grey, file, 90);
    }

    /// <summary>The unpacked size of every package the consumer's restore resolved, wherever it lies (private folder or the user's cache).</summary>
    private static string RestoredMegabytes(string assetsJson, string root, string home)
    {
        using var assets = System.Text.Json.JsonDocument.Parse(assetsJson);
        var folders = new[] { Path.Combine(root, "packages"), Path.Combine(home, ".nuget", "packages") };
        long bytes = 0;
        int count = 0;
        foreach (var library in assets.RootElement.GetProperty("libraries").EnumerateObject())
        {
            if (library.Value.GetProperty("type").GetString() != "package") continue;
            string path = library.Value.GetProperty("path").GetString()!;
            string? folder = folders.Select(f => Path.Combine(f, path)).FirstOrDefault(Directory.Exists);
            if (folder is null) continue;
            bytes += Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            count++;
        }
        return $"{count} packages, {bytes / 1e6:0.0} MB";
    }

    private static string Megabytes(string folder) =>
        $"{Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length) / 1e6:0.0} MB";

    // The published app host, started as a user starts it.
    private static DotnetResult Execute(string program, string workingDirectory)
    {
        var start = Dotnet.StartInfo(workingDirectory);
        start.FileName = program;
        using var process = System.Diagnostics.Process.Start(start)!;
        string output = process.StandardOutput.ReadToEndAsync().Result + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return new DotnetResult(process.ExitCode, output);
    }
}
