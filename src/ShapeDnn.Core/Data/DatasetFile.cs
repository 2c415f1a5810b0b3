using System.IO.Compression;
using ShapeDnn.Diagnostics;

namespace ShapeDnn.Data;

/// <summary>
/// One dataset file read into memory. The bytes on disk are kept so that the content hash covers
/// exactly what was read (compressed bytes for <c>.gz</c>), and the content is exposed as a stream
/// so that IDX and CIFAR parsers need not care whether the file was compressed.
/// </summary>
internal sealed class DatasetFile
{
    private DatasetFile(string path, byte[] raw)
    {
        Path = path;
        Raw = raw;
    }

    /// <summary>Full path of the file.</summary>
    public string Path { get; }

    /// <summary>The file's bytes exactly as stored.</summary>
    public byte[] Raw { get; }

    /// <summary>File name for messages.</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>Whether the file is gzip-compressed (by its name, as the datasets ship).</summary>
    public bool IsGzip => Path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the whole file.</summary>
    public static DatasetFile Read(string path)
    {
        if (Directory.Exists(path))
            throw new ShapeDnnException(ErrorCode.DatasetMalformed, $"Dataset file '{path}' is a folder, not a file; put the dataset file itself there.");
        try
        {
            return new DatasetFile(path, File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ShapeDnnException(ErrorCode.DatasetMissing, $"Dataset file '{path}' does not exist.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ShapeDnnException(ErrorCode.DatasetMissing, $"Dataset file '{path}' cannot be read: {Sentences.Clause(e.Message)}.", e);
        }
    }

    /// <summary>The decompressed content as a forward-only stream.</summary>
    public Stream OpenContent()
    {
        Stream raw = new MemoryStream(Raw, writable: false);
        return IsGzip ? new GZipStream(raw, CompressionMode.Decompress) : raw;
    }

    /// <summary>
    /// Fills <paramref name="buffer"/> from <paramref name="content"/>; a short read or a broken gzip
    /// stream becomes a <see cref="ErrorCode.DatasetMalformed"/> naming the file and <paramref name="what"/>.
    /// </summary>
    /// <remarks><paramref name="offset"/> is where the buffer starts in the decompressed content, for the message.</remarks>
    public void ReadExactly(Stream content, Span<byte> buffer, long offset, string what) => ReadExactly(content, buffer, offset, what, offset, buffer.Length);

    /// <summary>Fills <paramref name="buffer"/>, part of the <paramref name="rangeLength"/> bytes from <paramref name="rangeStart"/> that <paramref name="what"/> needs.</summary>
    private void ReadExactly(Stream content, Span<byte> buffer, long offset, string what, long rangeStart, long rangeLength)
    {
        int total = 0;
        try
        {
            while (total < buffer.Length)
            {
                int n = content.Read(buffer[total..]);
                if (n == 0) break;
                total += n;
            }
        }
        catch (InvalidDataException e)
        {
            throw Malformed($"is not a valid gzip stream or is corrupt ({e.Message}) while reading {what}.", e);
        }
        if (total < buffer.Length)
        {
            string container = IsGzip ? " (decompressed)" : "";
            throw Malformed(
                $"is truncated: {what} needs bytes {rangeStart}..{rangeStart + rangeLength - 1}{container} but the content ends after {offset + total} bytes.");
        }
    }

    /// <summary>
    /// Reads <paramref name="count"/> bytes that a header promises, into a buffer that grows with what
    /// the content really holds: a header claiming two billion images costs no more memory than the file's content.
    /// </summary>
    public byte[] ReadPromised(Stream content, long count, long offset, string what)
    {
        const int chunk = 1 << 20;
        if (!IsGzip && offset + count > Raw.Length)
            throw Malformed($"is truncated: {what} needs bytes {offset}..{offset + count - 1} but the file ends after {Raw.Length} bytes.");
        if (count <= chunk || !IsGzip)
        {
            var exact = new byte[count];
            ReadExactly(content, exact, offset, what);
            return exact;
        }
        var buffer = new byte[chunk];
        long filled = 0;
        while (filled < count)
        {
            if (filled == buffer.Length) Array.Resize(ref buffer, (int)Math.Min(count, (long)buffer.Length * 2));
            int want = (int)Math.Min(buffer.Length - filled, count - filled);
            ReadExactly(content, buffer.AsSpan((int)filled, want), offset + filled, what, offset, count);
            filled += want;
        }
        return buffer;
    }

    /// <summary>Checks that nothing follows the expected content, so a wrong header cannot go unnoticed.</summary>
    public void ExpectEnd(Stream content, long expectedLength)
    {
        Span<byte> probe = stackalloc byte[4096];
        long extra = 0;
        try
        {
            int n;
            while ((n = content.Read(probe)) > 0) extra += n;
        }
        catch (InvalidDataException e)
        {
            throw Malformed($"is not a valid gzip stream or is corrupt ({e.Message}) after its expected content.", e);
        }
        if (extra > 0)
            throw Malformed(
                $"has {extra} bytes after the {expectedLength} bytes its header describes; the dimension header is inconsistent with the file length.");
    }

    /// <summary>A <see cref="ErrorCode.DatasetMalformed"/> exception whose message starts with the file path.</summary>
    public ShapeDnnException Malformed(string problem, Exception? inner = null) =>
        new(ErrorCode.DatasetMalformed, $"Dataset file '{Path}' {problem}", inner);
}
