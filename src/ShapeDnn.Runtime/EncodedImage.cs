namespace ShapeDnn.Runtime;

/// <summary>
/// An encoded image file (PNG, JPEG, BMP, GIF, TGA, PSD, HDR or PNM) held in memory, as passed to a
/// generated class's <c>Predict(EncodedImage)</c>. A distinct type, not a <c>byte[]</c> overload, so
/// that raw pixel bytes and file bytes can never be mistaken for each other by overload resolution.
/// </summary>
public sealed class EncodedImage
{
    /// <summary>Wraps the bytes of an image file; they are not copied, so do not change them while the image is in use.</summary>
    /// <param name="bytes">The whole file, e.g. from <see cref="File.ReadAllBytes(string)"/> or an HTTP body.</param>
    /// <exception cref="ArgumentNullException"><paramref name="bytes"/> is null.</exception>
    public EncodedImage(byte[] bytes) => Bytes = bytes ?? throw new ArgumentNullException(nameof(bytes));

    /// <summary>The bytes of the file.</summary>
    public byte[] Bytes { get; }

    /// <summary>Reads an image file.</summary>
    /// <param name="path">Path of the file.</param>
    /// <returns>The file's bytes as an image.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static EncodedImage FromFile(string path) =>
        new(File.ReadAllBytes(path ?? throw new ArgumentNullException(nameof(path))));

    /// <summary>Reads a stream to its end (it is not closed).</summary>
    /// <param name="stream">A stream positioned at the start of an image file.</param>
    /// <returns>The stream's bytes as an image.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public static EncodedImage FromStream(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return new EncodedImage(buffer.ToArray());
    }
}
