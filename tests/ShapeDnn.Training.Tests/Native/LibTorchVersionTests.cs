using ShapeDnn.Training.Native;

namespace ShapeDnn.Training.Tests.Native;

public sealed class LibTorchVersionTests
{
    [TestCase("2.10.0", LibTorchVersion.Compatibility.Match)]
    [TestCase("2.10.1+cpu", LibTorchVersion.Compatibility.Match)]
    [TestCase("2.11.0+cu130", LibTorchVersion.Compatibility.MinorMismatch)]
    [TestCase("2.9.1", LibTorchVersion.Compatibility.MinorMismatch)]
    [TestCase("3.0.0", LibTorchVersion.Compatibility.MajorMismatch)]
    [TestCase("1.13.1+cu117", LibTorchVersion.Compatibility.MajorMismatch)]
    [TestCase("nightly", LibTorchVersion.Compatibility.Unknown)]
    [TestCase(null, LibTorchVersion.Compatibility.Unknown)]
    public void Classifies_against_the_libtorch_TorchSharp_is_built_for(string? text, LibTorchVersion.Compatibility expected) =>
        Assert.That(LibTorchVersion.Classify(text), Is.EqualTo(expected));

    [Test]
    public void Reads_a_PyTorch_installs_version_py_and_a_libtorch_archives_build_version()
    {
        var root = Directory.CreateTempSubdirectory("sdnn-libtorch-").FullName;
        try
        {
            var torch = Directory.CreateDirectory(Path.Combine(root, "torch", "lib")).FullName;
            File.WriteAllText(Path.Combine(root, "torch", "version.py"), "from typing import Optional\n__version__ = '2.11.0+cu130'\ngit_version = 'abc'\n");
            Assert.That(LibTorchVersion.Read(torch).Text, Is.EqualTo("2.11.0+cu130"));

            var libtorch = Directory.CreateDirectory(Path.Combine(root, "libtorch", "lib")).FullName;
            File.WriteAllText(Path.Combine(root, "libtorch", "build-version"), "2.10.0+cpu\n");
            Assert.That(LibTorchVersion.Read(libtorch).Text, Is.EqualTo("2.10.0+cpu"));

            Assert.That(LibTorchVersion.Read(Directory.CreateDirectory(Path.Combine(root, "bare", "lib")).FullName).Text, Is.Null);
        }
        finally { Directory.Delete(root, recursive: true); }
    }
}
