namespace ShapeDnn.Cli.Tests.BadInput;

/// <summary>
/// One malformed input and what the user must see: the code, a fragment of the message and the exit
/// code. <see cref="Args"/> may hold placeholders that <see cref="BadInputWorkspace"/> fills in:
/// <c>{data}</c> (the sample dataset), <c>{out}</c> (this case's output folder), <c>{file}</c> (an
/// existing regular file), <c>{dir}</c> (an existing empty folder), <c>{missing}</c> (a path that does
/// not exist), <c>{ds:NAME}</c> (a malformed dataset) and <c>{recipe:NAME}</c> (a recipe file).
/// </summary>
/// <param name="Name">What is wrong, readable as a test name.</param>
/// <param name="Code">The code the user must see, e.g. <c>SDNN008</c>.</param>
/// <param name="Fragment">Text the message must contain.</param>
/// <param name="Args">The command line after <c>shapednn</c>.</param>
/// <param name="Warning">A warning that must be printed on the way (e.g. SDNN022), or null.</param>
public sealed record BadInputCase(string Name, string Code, string Fragment, string[] Args, string? Warning = null)
{
    /// <summary>The exit code of every rejected input.</summary>
    public const int ExitCode = 1;

    public override string ToString() => Name;
}
