using ShapeDnn.Training.Native;

namespace ShapeDnn.Training.Tests.Native;

public sealed class LibStdCxxCompatibilityPatchTests
{
    private const string Missing = "GLIBCXX_3.4.32";
    private const string Symbol = "_ZSt21ios_base_library_initv";

    private static byte[] Pristine() => File.ReadAllBytes(TorchSharpBridgeFixture.PristinePath);

    /// <summary>Every libstdc++ version the bridge requires, less <paramref name="except"/>: a system libstdc++ stand-in.</summary>
    private static HashSet<string> ProvidedAllBut(byte[] bridge, string? except) =>
        ElfVersioning.RequiredVersions(new ElfImage(bridge))
            .Where(v => v.File == LibStdCxxCompatibilityPatch.LibStdCxx && v.Name != except)
            .Select(v => v.Name)
            .ToHashSet();

    [Test]
    public void The_packaged_bridge_requires_GLIBCXX_3_4_32_strictly()
    {
        var need = ElfVersioning.RequiredVersions(new ElfImage(Pristine())).Single(v => v.Name == Missing);
        Assert.That(need.File, Is.EqualTo("libstdc++.so.6"));
        Assert.That(need.IsWeak, Is.False);
    }

    [Test]
    public void Patch_weakens_the_missing_version_and_its_one_symbol_and_changes_only_a_few_bytes()
    {
        var original = Pristine();
        var image = new ElfImage((byte[])original.Clone());

        var outcome = LibStdCxxCompatibilityPatch.Apply(image, ProvidedAllBut(original, Missing));

        Assert.That(outcome.Status, Is.EqualTo(PatchStatus.Patched));
        Assert.That(outcome.Versions, Is.EqualTo(new[] { Missing }));
        Assert.That(outcome.Symbols, Is.EqualTo(new[] { Symbol }));
        var reread = new ElfImage(image.Bytes);
        Assert.That(ElfVersioning.RequiredVersions(reread).Single(v => v.Name == Missing).IsWeak, Is.True);
        int changed = original.Zip(image.Bytes).Count(p => p.First != p.Second);
        // vna_flags (1 byte), the symbol's .gnu.version entry (≤ 2) and its st_info binding (1).
        Assert.That(changed, Is.InRange(3, 4));
        Assert.That(image.Bytes, Has.Length.EqualTo(original.Length));
    }

    [Test]
    public void Patching_twice_is_detected_and_changes_nothing()
    {
        var original = Pristine();
        var image = new ElfImage(original);
        var provided = ProvidedAllBut(original, Missing);
        LibStdCxxCompatibilityPatch.Apply(image, provided);
        var once = (byte[])image.Bytes.Clone();

        var second = LibStdCxxCompatibilityPatch.Apply(image, provided);

        Assert.That(second.Status, Is.EqualTo(PatchStatus.AlreadyPatched));
        Assert.That(image.Bytes.AsSpan().SequenceEqual(once), Is.True, "bytes changed");
    }

    [Test]
    public void A_libstdcxx_with_every_version_leaves_the_bridge_untouched()
    {
        var original = Pristine();
        var image = new ElfImage((byte[])original.Clone());

        var outcome = LibStdCxxCompatibilityPatch.Apply(image, ProvidedAllBut(original, except: null));

        Assert.That(outcome.Status, Is.EqualTo(PatchStatus.Compatible));
        Assert.That(image.Bytes.AsSpan().SequenceEqual(original), Is.True, "bytes changed");
    }

    [Test]
    public void A_missing_version_whose_symbols_are_really_used_is_refused()
    {
        // GLIBCXX_3.4.30 carries std::condition_variable::wait, which the bridge calls through the PLT.
        var original = Pristine();
        var image = new ElfImage((byte[])original.Clone());

        var e = Assert.Throws<NotSupportedException>(() => LibStdCxxCompatibilityPatch.Apply(image, ProvidedAllBut(original, "GLIBCXX_3.4.30")));

        Assert.That(e!.Message, Does.Contain("GLIBCXX_3.4.30").And.Contain("_ZNSt18condition_variable4wait"));
        Assert.That(image.Bytes.AsSpan().SequenceEqual(original), Is.True, "bytes changed");
    }

    [Test]
    public void The_system_libstdcxx_defines_its_versions()
    {
        var path = LoadedLibraries.Resolve("libstdc++.so.6");
        Assert.That(path, Is.Not.Null);

        var defined = ElfVersioning.DefinedVersions(new ElfImage(File.ReadAllBytes(path!)));

        Assert.That(defined, Does.Contain("GLIBCXX_3.4").And.Contain("CXXABI_1.3"));
        Assert.That(defined.Count(v => v.StartsWith("GLIBCXX_3.4.", StringComparison.Ordinal)), Is.GreaterThan(20));
    }

    [Test]
    public void Non_elf_input_is_rejected()
    {
        Assert.Throws<InvalidDataException>(() => _ = new ElfImage("not an ELF file at all, just text padding it out to sixty-four bytes...."u8.ToArray()));
    }
}
