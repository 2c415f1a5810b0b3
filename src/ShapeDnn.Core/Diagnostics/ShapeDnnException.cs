namespace ShapeDnn.Diagnostics;

/// <summary>
/// A failure the user can act on. Its message is complete on its own; the command line prints it as
/// <c>SDNNxxx: message</c> and the MSBuild task maps it to an error with the same code.
/// </summary>
public sealed class ShapeDnnException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">The diagnostic code.</param>
    /// <param name="message">A complete, user-facing description of what is wrong and what to do.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    /// <remarks>
    /// Messages are often built by joining sentences, one of them an inner exception's message that
    /// already ends in a full stop; the doubled stop (<c>"… denied.. Set …"</c>) is removed here, for every message.
    /// </remarks>
    public ShapeDnnException(ErrorCode code, string message, Exception? inner = null)
        : base(Sentences.Clean(message), inner) => Code = code;

    /// <summary>The diagnostic code.</summary>
    public ErrorCode Code { get; }

    /// <summary>The text printed on the command line: <c>SDNNxxx: message</c>.</summary>
    public override string ToString() => $"{Code.ToCodeString()}: {Message}";
}
