using System.IO.Compression;
using ShapeDnn.Build.Tests.Infrastructure;

namespace ShapeDnn.Build.Tests.Integration;

/// <summary>
/// The packages as a user gets them: <c>dotnet pack</c> of ShapeDnn.Build into a local folder, and a
/// project outside the repository that references it from there (its own NuGet.config, the normal
/// source behind it) builds, runs and publishes. Lean on purpose: one tiny search.
/// </summary>
[TestFixture, NonParallelizable]
public sealed class PackageConsumerTests
{
    [Test]
    public void Should_build_run_and_publish_a_project_that_references_the_packed_package()
    {
        // Given: the package in a local feed
        var root = Path.Combine(Path.GetTempPath(), "shapednn-build-tests", "consumer-" + Guid.NewGuid().ToString("N")[..8]);
        var feed = Path.Combine(root, "feed");
        var app = Path.Combine(root, "app");
        Directory.CreateDirectory(app);
        try
        {
            var pack = Dotnet.Run(Repo.Root, "pack", Path.Combine(Repo.BuildFolder, "ShapeDnn.Build.csproj"), "-c", Repo.Configuration, "-o", feed, "-nologo", "-v:q", "-tl:off");
            Assert.That(pack.Succeeded, Is.True, pack.ToString());
            var nupkg = Directory.GetFiles(feed, "ShapeDnn.Build.*.nupkg").Single();
            TestContext.Out.WriteLine($"{Path.GetFileName(nupkg)}: {new FileInfo(nupkg).Length / 1e6:0.0} MB");
            using (var zip = ZipFile.OpenRead(nupkg))
            {
                var names = zip.Entries.Select(e => e.FullName).ToList();
                Assert.That(names, Does.Contain("build/ShapeDnn.Build.targets").And.Contain("tasks/net10.0/ShapeDnn.Build.Tasks.dll").And.Contain("tools/worker/shapednn.dll")
                    .And.Contain("tools/worker/ShapeDnn.Reporting.Html.dll").And.Contain("tools/worker/OxyPlot.dll"));
                Assert.That(names.Where(n => n.Contains("libtorch_cpu", StringComparison.Ordinal)), Is.Empty, "libtorch comes from the NuGet cache, not the package");
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
            File.WriteAllText(Path.Combine(app, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                    <ShapeDnnConstraints>MaxParameters=1M</ShapeDnnConstraints>
                    <ShapeDnnGoal>MinimizeSize</ShapeDnnGoal>
                    <ShapeDnnDataset>{Repo.SampleData}</ShapeDnnDataset>
                    <ShapeDnnModelName>FashionModel</ShapeDnnModelName>
                    <ShapeDnnDesignSpace>{TestProject.TinySpace}</ShapeDnnDesignSpace>
                    <ShapeDnnBudget>{TestProject.TinyBudget}</ShapeDnnBudget>
                    <ShapeDnnCacheDir>{Path.Combine(root, "cache")}</ShapeDnnCacheDir>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="ShapeDnn.Build" Version="0.1.0" PrivateAssets="all" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(app, "Program.cs"), """
                var output = new Consumer.FashionModel().Predict(new byte[Consumer.FashionModel.BytesPerImage]);
                Console.WriteLine($"consumer: {Consumer.FashionModel.ShapeName} says {output.PredictedLabel}");
                """);

            // When
            var build = Dotnet.Build(app);
            var run = Dotnet.Run(app, "run", "--no-build");
            var publish = Dotnet.Run(app, "publish", "-nologo", "-v:q", "-o", Path.Combine(root, "publish"));

            // Then
            Assert.That(build.Succeeded, Is.True, build.ToString());
            Assert.That(build.Output, Does.Contain("prepared the worker in"), "the packaged worker runs against the cached libtorch");
            Assert.That(build.Output, Does.Match(@"Report: \S*FashionModel\.report\.html"), "the packaged worker writes the HTML report");
            Assert.That(run.Succeeded, Is.True, run.ToString());
            Assert.That(run.Output, Does.Match(@"consumer: WRN-10-1(\.5)? says \S+"));
            Assert.That(publish.Succeeded, Is.True, publish.ToString());
            Assert.That(File.Exists(Path.Combine(root, "publish", "FashionModel.onnx")), Is.True, "the ONNX file is published");
            Assert.That(Directory.EnumerateFiles(Path.Combine(app, "bin"), "libtorch_cpu.so", SearchOption.AllDirectories), Is.Empty,
                "the app gets ONNX Runtime, never libtorch");
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }
}
