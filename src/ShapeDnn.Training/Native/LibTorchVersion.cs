using System.Text.RegularExpressions;

namespace ShapeDnn.Training.Native;

/// <summary>
/// The version of an existing libtorch folder, and whether TorchSharp's bridge can use it. TorchSharp
/// 0.107.0's bridge is built against libtorch <see cref="Expected"/>; libtorch keeps its C++ API
/// across minor releases closely enough that 2.11 was verified to train (NATIVE.md §2), but not
/// across major ones. Policy: same major and minor: fine; another minor: a warning; another major:
/// an error. Both versions are named either way.
/// </summary>
public static partial class LibTorchVersion
{
    /// <summary>The libtorch TorchSharp 0.107.0 is built against (its libtorch-cpu package is 2.10.0).</summary>
    public static Version Expected { get; } = new(2, 10, 0);

    /// <summary>How a found version relates to <see cref="Expected"/>.</summary>
    public enum Compatibility
    {
        /// <summary>Same major and minor version.</summary>
        Match,
        /// <summary>Same major, another minor version: usually works; warn.</summary>
        MinorMismatch,
        /// <summary>Another major version: the C++ ABI differs; refuse.</summary>
        MajorMismatch,
        /// <summary>No version information next to the folder.</summary>
        Unknown,
    }

    /// <summary>
    /// Reads the version of the libtorch whose <c>lib</c> folder is <paramref name="libFolder"/>: a
    /// PyTorch install's <c>torch/version.py</c> (<c>__version__ = '2.11.0+cu130'</c>) or a libtorch
    /// archive's <c>build-version</c> file, both one level up.
    /// </summary>
    /// <returns>The version text (e.g. <c>2.11.0+cu130</c>) and the file it came from, or nulls.</returns>
    public static (string? Text, string? Source) Read(string libFolder)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(libFolder).TrimEnd(Path.DirectorySeparatorChar));
        if (parent is null) return (null, null);
        var versionPy = Path.Combine(parent, "version.py");
        if (File.Exists(versionPy))
        {
            var match = VersionPyPattern().Match(File.ReadAllText(versionPy));
            if (match.Success) return (match.Groups[1].Value, versionPy);
        }
        var buildVersion = Path.Combine(parent, "build-version");
        if (File.Exists(buildVersion))
        {
            var text = File.ReadAllText(buildVersion).Trim();
            if (text.Length > 0) return (text, buildVersion);
        }
        return (null, null);
    }

    /// <summary>Classifies <paramref name="text"/> (e.g. <c>2.11.0+cu130</c>) against <see cref="Expected"/>.</summary>
    public static Compatibility Classify(string? text)
    {
        var match = text is null ? null : NumericPrefix().Match(text);
        if (match is null || !match.Success) return Compatibility.Unknown;
        int major = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        int minor = int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (major != Expected.Major) return Compatibility.MajorMismatch;
        return minor == Expected.Minor ? Compatibility.Match : Compatibility.MinorMismatch;
    }

    [GeneratedRegex(@"__version__\s*=\s*['""]([^'""]+)['""]")]
    private static partial Regex VersionPyPattern();

    [GeneratedRegex(@"^\s*(\d+)\.(\d+)")]
    private static partial Regex NumericPrefix();
}
