using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ShapeDnn.Cache;

/// <summary>
/// The table of contents of one trained-shape cache entry: its format, its key, and the size and
/// SHA-256 of every file in it. Written last (inside the temporary folder, before the rename), so an
/// entry whose manifest is missing, or whose files do not match it, is not whole and is discarded.
/// </summary>
/// <param name="Format">The entry format, <see cref="CurrentFormat"/> for entries this version writes.</param>
/// <param name="Key">The cache key the entry was written under (an entry copied under another key is refused).</param>
/// <param name="Files">Every file of the entry but the manifest itself.</param>
internal sealed record EntryManifest(string Format, string Key, IReadOnlyList<ManifestFile> Files)
{
    /// <summary>The entry format written by this version; entries of any other format are discarded with a message, never reused.</summary>
    public const string CurrentFormat = "shapednn-trained-shape/3";

    /// <summary>The manifest's own file name.</summary>
    public const string FileName = "manifest.json";

    /// <summary>The manifest of <paramref name="files"/> (name and content).</summary>
    public static EntryManifest Of(string key, IEnumerable<(string Name, byte[] Content)> files) =>
        new(CurrentFormat, key, files.Select(f => new ManifestFile(f.Name, f.Content.LongLength, Hash(f.Content))).ToList());

    /// <summary>Hex SHA-256 of <paramref name="content"/>.</summary>
    public static string Hash(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Serialised form.</summary>
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, EntryManifestJsonContext.Default.EntryManifest);

    /// <summary>
    /// Reads the manifest of <paramref name="entryFolder"/> and checks it against the folder: format, key,
    /// and exactly the listed files present with the listed sizes (contents are hashed when read).
    /// </summary>
    /// <exception cref="InvalidDataException">The entry is not whole or not of this format; the message says why.</exception>
    public static EntryManifest ReadAndCheck(string entryFolder, string key)
    {
        var path = Path.Combine(entryFolder, FileName);
        if (!File.Exists(path)) throw new InvalidDataException("it has no manifest: written by an older ShapeDnn or not completely");
        EntryManifest? manifest;
        try { manifest = JsonSerializer.Deserialize(File.ReadAllBytes(path), EntryManifestJsonContext.Default.EntryManifest); }
        catch (JsonException e) { throw new InvalidDataException($"its manifest is unreadable: {e.Message}"); }
        if (manifest is null || manifest.Format is null || manifest.Key is null || manifest.Files is null || manifest.Files.Any(f => f is null || f.Name is null || f.Sha256 is null))
            throw new InvalidDataException("its manifest is incomplete");
        if (manifest.Format != CurrentFormat) throw new InvalidDataException($"it is of format '{manifest.Format}', this version reads '{CurrentFormat}'");
        if (manifest.Key != key) throw new InvalidDataException("its manifest names another key");
        var present = Directory.EnumerateFileSystemEntries(entryFolder).Select(Path.GetFileName).Where(n => n != FileName).Order(StringComparer.Ordinal);
        if (!present.SequenceEqual(manifest.Files.Select(f => f.Name).Order(StringComparer.Ordinal), StringComparer.Ordinal))
            throw new InvalidDataException("its files are not those its manifest lists");
        foreach (var file in manifest.Files)
            if (new FileInfo(Path.Combine(entryFolder, file.Name)).Length != file.Bytes)
                throw new InvalidDataException($"{file.Name} is not the size its manifest records");
        return manifest;
    }

    /// <summary>The content of <paramref name="name"/> in <paramref name="entryFolder"/>, checked against its hash; null when the manifest does not list it.</summary>
    /// <exception cref="InvalidDataException">The content does not match the manifest.</exception>
    public byte[]? ReadChecked(string entryFolder, string name)
    {
        var listed = Files.FirstOrDefault(f => f.Name == name);
        if (listed is null) return null;
        var content = File.ReadAllBytes(Path.Combine(entryFolder, name));
        if (content.LongLength != listed.Bytes || Hash(content) != listed.Sha256)
            throw new InvalidDataException($"{name} does not match its manifest (edited or damaged)");
        return content;
    }
}

/// <summary>One file of a cache entry as its manifest records it.</summary>
/// <param name="Name">File name inside the entry.</param>
/// <param name="Bytes">Size in bytes.</param>
/// <param name="Sha256">Hex SHA-256 of the content.</param>
internal sealed record ManifestFile(string Name, long Bytes, string Sha256);

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(EntryManifest))]
internal sealed partial class EntryManifestJsonContext : JsonSerializerContext;
