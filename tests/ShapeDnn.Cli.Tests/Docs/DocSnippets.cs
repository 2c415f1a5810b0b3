using System.Text.RegularExpressions;

namespace ShapeDnn.Cli.Tests.Docs;

/// <summary>A fenced code block of README.md or docs/*.md.</summary>
public sealed record DocSnippet(string File, int Line, string Language, string Code)
{
    public override string ToString() => $"{File}:{Line} ({Language})";
}

/// <summary>Reads the fenced code blocks of the repository's documentation.</summary>
internal static partial class DocSnippets
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>README.md and every docs/*.md.</summary>
    public static IEnumerable<string> Documents() =>
        new[] { Path.Combine(RepositoryRoot, "README.md") }.Concat(Directory.GetFiles(Path.Combine(RepositoryRoot, "docs"), "*.md").Order(StringComparer.Ordinal));

    /// <summary>Every block of <paramref name="language"/> in the documents; indented fences (in lists) are unindented.</summary>
    public static IReadOnlyList<DocSnippet> Of(string language) =>
        Documents().SelectMany(path =>
        {
            string text = File.ReadAllText(path).ReplaceLineEndings("\n");
            return Fence().Matches(text)
                .Where(m => m.Groups["lang"].Value == language)
                .Select(m =>
                {
                    string indent = m.Groups["indent"].Value;
                    string code = string.Join('\n', m.Groups["code"].Value.Split('\n').Select(l => l.StartsWith(indent, StringComparison.Ordinal) ? l[indent.Length..] : l));
                    int line = text[..m.Index].Count(c => c == '\n') + 1;
                    return new DocSnippet(Path.GetRelativePath(RepositoryRoot, path), line, language, code);
                });
        }).ToList();

    [GeneratedRegex(@"^(?<indent>[ \t]*)```(?<lang>[a-z]+)\n(?<code>.*?)\n[ \t]*```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ShapeDnn.sln"))) return dir.FullName;
        throw new InvalidOperationException("ShapeDnn.sln not found above " + AppContext.BaseDirectory);
    }
}
