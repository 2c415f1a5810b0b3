using System.Text;

namespace ShapeDnn.CodeGeneration;

/// <summary>
/// Valid C# names made from whatever a project is called (<c>my-app</c>, <c>2048.Game</c>, <c>class</c>,
/// <c>café app</c>), for the defaults of <c>ShapeDnnModelName</c> and <c>ShapeDnnNamespace</c>: a
/// project must build with no ShapeDnn naming setting at all.
/// </summary>
public static class DefaultNames
{
    /// <summary>
    /// The default class name: the project name in PascalCase, characters that cannot be in an
    /// identifier taken as word breaks, plus <c>Model</c>; <c>my-app</c> becomes <c>MyAppModel</c>,
    /// <c>2048-game</c> <c>_2048GameModel</c>.
    /// </summary>
    public static string ClassName(string projectName)
    {
        var sb = new StringBuilder(projectName.Length + 5);
        bool wordStart = true;
        foreach (char c in projectName)
        {
            if (!CSharpSyntax.IsIdentifierPartChar(c) || c == '_')
            {
                wordStart = true;
                continue;
            }
            sb.Append(wordStart ? char.ToUpperInvariant(c) : c);
            wordStart = false;
        }
        if (sb.Length > 0 && !CSharpSyntax.IsIdentifierStartChar(sb[0])) sb.Insert(0, '_');
        // The suffix keeps the name off C# keywords, lower-case-only names and the generated members' names.
        return sb.Append("Model").ToString();
    }

    /// <summary>
    /// The default namespace made valid: each dot-separated part keeps its identifier characters,
    /// others become <c>_</c>; a part that starts with a digit or is a keyword gets a leading <c>_</c>;
    /// empty parts are dropped. <c>my-app</c> becomes <c>my_app</c>, <c>2048.class</c> <c>_2048._class</c>.
    /// </summary>
    /// <param name="rootNamespace">The project's <c>RootNamespace</c> (or its name).</param>
    /// <returns>A namespace that <see cref="CSharpModelGenerator.ValidateNamespace"/> accepts.</returns>
    public static string Namespace(string rootNamespace)
    {
        var parts = new List<string>();
        foreach (string raw in rootNamespace.Split('.'))
        {
            string part = new(raw.Trim().Select(c => CSharpSyntax.IsIdentifierPartChar(c) ? c : '_').ToArray());
            if (part.Trim('_').Length == 0) continue;
            if (!CSharpSyntax.IsIdentifierStartChar(part[0]) || !CSharpSyntax.IsIdentifier(part)) part = "_" + part;
            parts.Add(part);
        }
        return parts.Count == 0 ? "ShapeDnn.Generated" : string.Join('.', parts);
    }
}
