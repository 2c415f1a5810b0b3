using System.Buffers.Binary;
using System.Text;

namespace ShapeDnn.Training.Native;

/// <summary>
/// A 64-bit little-endian ELF file held in memory, with just enough structure (section headers,
/// string tables) to read and edit symbol versioning. Edits go straight into <see cref="Bytes"/>.
/// </summary>
internal sealed class ElfImage
{
    public const uint SectionSymTab = 2;
    public const uint SectionRela = 4;
    public const uint SectionDynSym = 11;
    public const uint SectionRel = 9;
    public const uint SectionVerDef = 0x6ffffffd;
    public const uint SectionVerNeed = 0x6ffffffe;
    public const uint SectionVerSym = 0x6fffffff;

    public ElfImage(byte[] bytes)
    {
        Bytes = bytes;
        if (bytes.Length < 64 || !bytes.AsSpan(0, 4).SequenceEqual("\u007fELF"u8))
            throw new InvalidDataException("Not an ELF file.");
        // Only ELFCLASS64 / ELFDATA2LSB: the platforms libtorch ships for (x86-64, arm64).
        if (bytes[4] != 2 || bytes[5] != 1)
            throw new InvalidDataException("Not a 64-bit little-endian ELF file.");

        ulong tableOffset = U64(0x28);
        int entrySize = U16(0x3A), count = U16(0x3C);
        if (count == 0 || entrySize < 64 || tableOffset + (ulong)(entrySize * count) > (ulong)bytes.Length)
            throw new InvalidDataException("ELF file has no readable section header table.");

        var sections = new ElfSection[count];
        for (int i = 0; i < count; i++)
        {
            int h = checked((int)tableOffset + i * entrySize);
            var section = new ElfSection(i, U32(h + 4), checked((int)U64(h + 0x18)), checked((int)U64(h + 0x20)),
                (int)U32(h + 0x28), U32(h + 0x2C), checked((int)U64(h + 0x38)));
            if (section.Type != 8 /* SHT_NOBITS */ && (long)section.Offset + section.Size > bytes.Length)
                throw new InvalidDataException($"ELF section {i} extends past the end of the file.");
            sections[i] = section;
        }
        Sections = sections;
    }

    /// <summary>The file's bytes; edits are made in place.</summary>
    public byte[] Bytes { get; }

    public IReadOnlyList<ElfSection> Sections { get; }

    public ElfSection? FindSection(uint type) => Sections.FirstOrDefault(s => s.Type == type);

    /// <summary>The section <paramref name="section"/>'s <c>sh_link</c> names (its string or symbol table).</summary>
    public ElfSection LinkedSection(ElfSection section) =>
        section.Link > 0 && section.Link < Sections.Count
            ? Sections[section.Link]
            : throw new InvalidDataException($"ELF section {section.Index} links to a section that does not exist.");

    public IEnumerable<ElfSection> SectionsOfType(uint type) => Sections.Where(s => s.Type == type);

    /// <summary>The NUL-terminated string at <paramref name="offset"/> of string table <paramref name="table"/>.</summary>
    public string ReadString(ElfSection table, uint offset)
    {
        if (offset >= table.Size) throw new InvalidDataException($"String offset {offset} lies outside its table.");
        var span = Bytes.AsSpan(table.Offset + (int)offset, table.Size - (int)offset);
        int end = span.IndexOf((byte)0);
        if (end < 0) throw new InvalidDataException("Unterminated string in ELF string table.");
        return Encoding.UTF8.GetString(span[..end]);
    }

    public ushort U16(int at) => BinaryPrimitives.ReadUInt16LittleEndian(Span(at, 2));
    public uint U32(int at) => BinaryPrimitives.ReadUInt32LittleEndian(Span(at, 4));
    public ulong U64(int at) => BinaryPrimitives.ReadUInt64LittleEndian(Span(at, 8));
    public void WriteU16(int at, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Span(at, 2), value);

    private Span<byte> Span(int at, int length)
    {
        if (at < 0 || at + length > Bytes.Length) throw new InvalidDataException("ELF structure points past the end of the file.");
        return Bytes.AsSpan(at, length);
    }
}

/// <summary>One section header.</summary>
internal sealed record ElfSection(int Index, uint Type, int Offset, int Size, int Link, uint Info, int EntrySize);
