namespace ShapeDnn.Onnx.Model;

/// <summary>One dimension of a graph input or output: a fixed size or a symbolic name such as <c>batch</c>.</summary>
public readonly record struct OnnxDimension
{
    private OnnxDimension(long? value, string? parameter)
    {
        Value = value;
        Parameter = parameter;
    }

    /// <summary>The fixed size, or null for a symbolic dimension.</summary>
    public long? Value { get; }

    /// <summary>The symbolic name (ONNX <c>dim_param</c>), or null for a fixed size.</summary>
    public string? Parameter { get; }

    /// <summary>A fixed dimension.</summary>
    public static OnnxDimension Fixed(long value) => new(value, null);

    /// <summary>A symbolic dimension; every use of the same name must have the same size at run time.</summary>
    public static OnnxDimension Symbolic(string name) => new(null, name);

    /// <inheritdoc />
    public override string ToString() => Parameter ?? Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?";
}
