using ShapeDnn.Diagnostics;

namespace ShapeDnn.CodeGeneration;

/// <summary>
/// Reads the class names a user gives (<c>ShapeDnnClassLabels</c>, <c>--labels</c>): either the path
/// of a text file with one label per line, or the labels themselves separated by <c>;</c> (or, when
/// there is no <c>;</c>, by <c>,</c>, so that labels containing commas can still be listed with <c>;</c>).
/// </summary>
public static class ClassLabelList
{
    /// <summary>Parses the setting; <see langword="null"/> when it is empty (no labels given).</summary>
    /// <param name="text">The setting as written.</param>
    /// <param name="baseDirectory">Folder that a relative file path is relative to.</param>
    /// <exception cref="ShapeDnnException">SDNN023 when the file cannot be read or a label is empty.</exception>
    public static IReadOnlyList<string>? Parse(string? text, string baseDirectory)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        string trimmed = text.Trim();
        string path = Path.GetFullPath(Path.Combine(baseDirectory, trimmed));
        List<string> labels;
        if (File.Exists(path))
        {
            try
            {
                // Blank lines (a trailing newline, a separating empty line) are not labels.
                labels = File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ShapeDnnException(ErrorCode.ClassLabels, $"The class label file '{path}' cannot be read: {e.Message}", e);
            }
            if (labels.Count == 0)
                throw new ShapeDnnException(ErrorCode.ClassLabels, $"The class label file '{path}' has no labels; write one label per line, in class order.");
            return labels;
        }

        char separator = trimmed.Contains(';') ? ';' : ',';
        labels = trimmed.Split(separator).Select(l => l.Trim()).ToList();
        int empty = labels.FindIndex(l => l.Length == 0);
        if (empty >= 0)
            throw new ShapeDnnException(ErrorCode.ClassLabels,
                $"Class label {empty + 1} of '{trimmed}' is empty. List one name per class separated by '{separator}', or give the path of a file with one label per line.");
        return labels;
    }

    /// <summary>Checks that there is one label per class of the dataset.</summary>
    /// <exception cref="ShapeDnnException">SDNN023 when the counts differ.</exception>
    public static IReadOnlyList<string> CheckCount(IReadOnlyList<string> labels, int classes)
    {
        if (labels.Count != classes)
            throw new ShapeDnnException(ErrorCode.ClassLabels,
                $"{labels.Count} class labels were given but the dataset has {classes} classes. Give exactly one label per class, in class order (label 0 first).");
        return labels;
    }
}
