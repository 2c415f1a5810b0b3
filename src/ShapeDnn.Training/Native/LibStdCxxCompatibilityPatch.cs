namespace ShapeDnn.Training.Native;

/// <summary>
/// Makes a library built against a newer libstdc++ loadable with an older one, when the newer
/// versions it requires are only named and never used. TorchSharp 0.107.0's bridge requires
/// <c>GLIBCXX_3.4.32</c> for a single symbol, <c>std::ios_base_library_init()</c>, which GCC 13's
/// <c>&lt;iostream&gt;</c> references only to pull libstdc++'s stream initialisation into the link:
/// no relocation refers to it, so nothing ever looks it up or calls it. The streams are still
/// initialised by the older libstdc++'s per-library <c>ios_base::Init</c> objects (libtorch has them).
/// </summary>
/// <remarks>
/// The edit, per missing version: set <c>VER_FLG_WEAK</c> in its <c>.gnu.version_r</c> entry (glibc
/// then only warns under LD_DEBUG), and make each symbol bound to it unversioned (index 1, global)
/// and <c>STB_WEAK</c> (an unresolved weak undefined symbol is legal). The file keeps its size and
/// layout; a handful of bytes change. A missing version that some relocation actually needs is
/// refused: that would need a real definition, which no header edit can provide.
/// </remarks>
internal static class LibStdCxxCompatibilityPatch
{
    public const string LibStdCxx = "libstdc++.so.6";

    private const int SymbolSize = 24;
    private const ushort GlobalVersionIndex = 1;
    private const byte WeakBinding = 2;

    /// <summary>Checks <paramref name="elf"/> against the versions <paramref name="provided"/> by the system libstdc++ and patches it if needed.</summary>
    /// <exception cref="NotSupportedException">A missing version is really used; the library cannot work with this libstdc++.</exception>
    public static PatchOutcome Apply(ElfImage elf, IReadOnlySet<string> provided)
    {
        var missing = ElfVersioning.RequiredVersions(elf)
            .Where(v => v.File == LibStdCxx && !provided.Contains(v.Name))
            .ToList();
        if (missing.Count == 0) return new PatchOutcome(PatchStatus.Compatible, [], []);

        var dynsym = elf.FindSection(ElfImage.SectionDynSym) ?? throw new InvalidDataException("ELF file has no dynamic symbol table.");
        var versym = elf.FindSection(ElfImage.SectionVerSym) ?? throw new InvalidDataException("ELF file has no symbol version table.");
        var dynstr = elf.LinkedSection(dynsym);
        int symbolCount = dynsym.Size / SymbolSize;
        var relocated = RelocatedSymbols(elf, dynsym);

        var missingIndices = missing.Select(v => v.Index).ToHashSet();
        var bound = new List<int>();
        for (int s = 0; s < symbolCount; s++)
            if (missingIndices.Contains((ushort)(elf.U16(versym.Offset + 2 * s) & 0x7fff)))
                bound.Add(s);

        var symbolNames = bound.Select(s => elf.ReadString(dynstr, elf.U32(dynsym.Offset + s * SymbolSize))).ToList();
        var used = bound.Where(relocated.Contains).Select(s => elf.ReadString(dynstr, elf.U32(dynsym.Offset + s * SymbolSize))).ToList();
        if (used.Count > 0)
            throw new NotSupportedException(
                $"The library needs {string.Join(", ", missing.Select(v => v.Name))} from {LibStdCxx} for symbols it really uses " +
                $"({string.Join(", ", used)}); the system libstdc++ does not provide them.");

        var versionNames = missing.Select(v => v.Name).ToList();
        if (bound.Count == 0 && missing.All(v => v.IsWeak))
            return new PatchOutcome(PatchStatus.AlreadyPatched, versionNames, []);

        foreach (var need in missing)
            elf.WriteU16(need.FlagsOffset, (ushort)(need.Flags | ElfVersioning.WeakFlag));
        foreach (int s in bound)
        {
            elf.WriteU16(versym.Offset + 2 * s, GlobalVersionIndex);
            int info = dynsym.Offset + s * SymbolSize + 4;
            elf.Bytes[info] = (byte)((WeakBinding << 4) | (elf.Bytes[info] & 0xf));
        }
        return new PatchOutcome(PatchStatus.Patched, versionNames, symbolNames);
    }

    /// <summary>Indices of dynamic symbols that some relocation refers to (and the loader must therefore resolve).</summary>
    private static HashSet<int> RelocatedSymbols(ElfImage elf, ElfSection dynsym)
    {
        var result = new HashSet<int>();
        foreach (var type in new[] { ElfImage.SectionRela, ElfImage.SectionRel })
            // Every relocation table except those of the static symbol table (none in a linked library):
            // counting too many relocations can only make the patch refuse, never patch wrongly.
            foreach (var section in elf.SectionsOfType(type).Where(s => s.Link >= elf.Sections.Count || elf.Sections[s.Link].Type != ElfImage.SectionSymTab))
            {
                int entry = type == ElfImage.SectionRela ? 24 : 16;
                for (int at = section.Offset; at + entry <= section.Offset + section.Size; at += entry)
                    result.Add((int)(elf.U64(at + 8) >> 32)); // r_info: symbol index in the high 32 bits
            }
        return result;
    }
}

/// <summary>What <see cref="LibStdCxxCompatibilityPatch.Apply"/> found or did.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="Versions">The required libstdc++ versions the system lacks.</param>
/// <param name="Symbols">Symbols made unversioned and weak (empty unless patched now).</param>
internal sealed record PatchOutcome(PatchStatus Status, IReadOnlyList<string> Versions, IReadOnlyList<string> Symbols);
