namespace ShapeDnn.Training.Native;

/// <summary>Reads GNU symbol versioning: the versions a library defines and those it requires.</summary>
internal static class ElfVersioning
{
    /// <summary><c>VER_FLG_WEAK</c>: a missing required version is not fatal to the dynamic loader.</summary>
    public const ushort WeakFlag = 0x2;

    /// <summary>Version names defined in <c>.gnu.version_d</c>, e.g. <c>GLIBCXX_3.4.30</c>.</summary>
    public static IReadOnlySet<string> DefinedVersions(ElfImage elf)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var section = elf.FindSection(ElfImage.SectionVerDef);
        if (section is null) return result;
        var strings = elf.LinkedSection(section);
        int at = section.Offset;
        // Entry count is in sh_info; following vd_next rather than trusting it alone guards against loops.
        for (uint i = 0; i < section.Info; i++)
        {
            int aux = at + (int)elf.U32(at + 12);
            result.Add(elf.ReadString(strings, elf.U32(aux)));
            uint next = elf.U32(at + 16);
            if (next == 0) break;
            at += (int)next;
        }
        return result;
    }

    /// <summary>Every entry of <c>.gnu.version_r</c>: which file must provide which version.</summary>
    public static IReadOnlyList<ElfVersionNeed> RequiredVersions(ElfImage elf)
    {
        var result = new List<ElfVersionNeed>();
        var section = elf.FindSection(ElfImage.SectionVerNeed);
        if (section is null) return result;
        var strings = elf.LinkedSection(section);
        int at = section.Offset;
        for (uint i = 0; i < section.Info; i++)
        {
            int auxCount = elf.U16(at + 2);
            string file = elf.ReadString(strings, elf.U32(at + 4));
            int aux = at + (int)elf.U32(at + 8);
            for (int j = 0; j < auxCount; j++)
            {
                result.Add(new ElfVersionNeed(file, elf.ReadString(strings, elf.U32(aux + 8)),
                    Index: elf.U16(aux + 6), Flags: elf.U16(aux + 4), FlagsOffset: aux + 4));
                uint nextAux = elf.U32(aux + 12);
                if (nextAux == 0) break;
                aux += (int)nextAux;
            }
            uint next = elf.U32(at + 12);
            if (next == 0) break;
            at += (int)next;
        }
        return result;
    }
}

/// <summary>One required version (<c>Elf64_Vernaux</c>) and the file that must provide it.</summary>
/// <param name="File">The needed library, e.g. <c>libstdc++.so.6</c>.</param>
/// <param name="Name">The version name, e.g. <c>GLIBCXX_3.4.32</c>.</param>
/// <param name="Index">The version index symbols refer to in <c>.gnu.version</c>.</param>
/// <param name="Flags"><c>vna_flags</c>.</param>
/// <param name="FlagsOffset">File offset of <c>vna_flags</c>, for editing.</param>
internal sealed record ElfVersionNeed(string File, string Name, ushort Index, ushort Flags, int FlagsOffset)
{
    public bool IsWeak => (Flags & ElfVersioning.WeakFlag) != 0;
}
