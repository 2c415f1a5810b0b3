namespace ShapeDnn.DesignSpace;

/// <summary>The image geometry a network consumes: channels × height × width, and its class count.</summary>
/// <param name="Channels">Image channels (1 for grey-scale, 3 for RGB).</param>
/// <param name="Height">Image height in pixels.</param>
/// <param name="Width">Image width in pixels.</param>
/// <param name="Classes">Number of output classes.</param>
public readonly record struct InputShape(int Channels, int Height, int Width, int Classes)
{
    /// <summary>Pixels per image across all channels.</summary>
    public int PixelCount => Channels * Height * Width;

    /// <inheritdoc />
    public override string ToString() => $"{Channels}x{Height}x{Width}, {Classes} classes";
}
