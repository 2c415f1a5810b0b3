namespace ShapeDnn.Build.Tasks;

/// <summary>
/// Finds the line of the project file that sets a model's setting, so that an error points at it in
/// the IDE. A plain text search is enough: it runs only on failure, and when the setting comes from
/// an imported file (or is not found) the error points at the project file as a whole (line 0).
/// </summary>
internal sealed class ProjectFileLocator(string projectFile)
{
    private string[]? _lines;

    public int LineOf(ModelRequest model, ModelField field)
    {
        var lines = Lines();
        if (model.FromItem)
        {
            int item = IndexOf(lines, 0, l => l.Contains("<ShapeDnnModel", StringComparison.Ordinal) && l.Contains($"\"{model.Name}\"", StringComparison.Ordinal));
            if (item < 0) return FindProperty(lines, field);
            // Metadata written as an attribute on the item's line, or as a child element after it.
            int child = IndexOf(lines, item, l => l.Contains($"<{field.MetadataName()}>", StringComparison.Ordinal) || l.Contains("</ShapeDnnModel>", StringComparison.Ordinal));
            return child >= 0 && lines[child].Contains($"<{field.MetadataName()}>", StringComparison.Ordinal) ? child + 1 : item + 1;
        }
        return FindProperty(lines, field);
    }

    // The last definition of a property is the one MSBuild uses. A setting the file does not make
    // (a default such as the namespace made from the project name) is reported on the whole file
    // (line 0), never on another setting's line.
    private static int FindProperty(string[] lines, ModelField field)
    {
        int line = Array.FindLastIndex(lines, l => l.Contains($"<{field.PropertyName()}>", StringComparison.Ordinal) || l.Contains($"<{field.PropertyName()} ", StringComparison.Ordinal));
        return line + 1; // 0 when absent: the whole file
    }

    private static int IndexOf(string[] lines, int start, Func<string, bool> match)
    {
        for (int i = start; i < lines.Length; i++)
            if (match(lines[i])) return i;
        return -1;
    }

    private string[] Lines()
    {
        if (_lines is not null) return _lines;
        try { _lines = File.ReadAllLines(projectFile); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { _lines = []; }
        return _lines;
    }
}
