using System.Runtime.InteropServices;
using ShapeDnn.Cache;

namespace ShapeDnn.Core.Tests.Cache;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AtomicFileReplaceTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("shapednn-atomic-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Replacing_keeps_mode_and_time_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_folder, "lib.so");
        File.WriteAllBytes(path, [1, 2, 3]);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var time = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, time);

        AtomicFile.Replace(path, [9, 8, 7, 6]);

        Assert.That(File.ReadAllBytes(path), Is.EqualTo(new byte[] { 9, 8, 7, 6 }));
        Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
        Assert.That(File.GetLastWriteTimeUtc(path), Is.EqualTo(time));
        Assert.That(Directory.GetFiles(_folder), Is.EqualTo(new[] { path }));
    }

    [Test]
    public void A_hard_linked_original_such_as_the_NuGet_cache_is_left_untouched()
    {
        var cache = Path.Combine(_folder, "cache.so");
        var output = Path.Combine(_folder, "output.so");
        File.WriteAllBytes(cache, [1, 2, 3]);
        Assert.That(Link(cache, output), Is.EqualTo(0), "could not create a hard link");

        AtomicFile.Replace(output, [4, 5, 6]);

        Assert.That(File.ReadAllBytes(cache), Is.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(File.ReadAllBytes(output), Is.EqualTo(new byte[] { 4, 5, 6 }));
    }

    [DllImport("libc", EntryPoint = "link")]
    private static extern int Link(string existing, string created);
}
