using System.Globalization;
using System.Text;

namespace ShapeDnn.CodeGeneration;

/// <summary>
/// Turns values into C# source text safely: identifiers are checked against the C# grammar, free
/// text becomes string literals, XML doc text or comment text that cannot break out of its context.
/// </summary>
internal static class CSharpSyntax
{
    // Reserved keywords (C# spec §6.4.4) plus the contextual keywords that cannot name a type or
    // namespace without breaking the declaration or a later use of the name.
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class",
        "const", "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event",
        "explicit", "extern", "false", "finally", "fixed", "float", "for", "foreach", "goto", "if",
        "implicit", "in", "int", "interface", "internal", "is", "lock", "long", "namespace", "new",
        "null", "object", "operator", "out", "override", "params", "private", "protected", "public",
        "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static",
        "string", "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong",
        "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
        "global", "var", "dynamic", "record", "file", "required", "scoped", "nameof", "async", "await",
        "notnull", "unmanaged", "field", "value", "partial", "yield", "extension", "allows",
    };

    /// <summary>Whether <paramref name="name"/> is a plain C# identifier (no <c>@</c>, no keyword).</summary>
    public static bool IsIdentifier(string? name)
    {
        if (string.IsNullOrEmpty(name) || Keywords.Contains(name)) return false;
        if (!IsIdentifierStart(name[0])) return false;
        for (int i = 1; i < name.Length; i++)
            if (!IsIdentifierPart(name[i])) return false;
        return true;
    }

    /// <summary>Whether every dot-separated segment of <paramref name="name"/> is an identifier.</summary>
    public static bool IsQualifiedName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Split('.').All(IsIdentifier);

    // C# spec §6.4.3: letters and '_' start an identifier; digits, connectors, combining marks and
    // formatting characters may follow. Surrogate pairs are rejected rather than decoded: names of
    // generated types have no need for characters outside the BMP.
    private static bool IsIdentifierStart(char c) =>
        c == '_' || CharUnicodeInfo.GetUnicodeCategory(c) is
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or
            UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or
            UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber;

    private static bool IsIdentifierPart(char c) =>
        IsIdentifierStart(c) || CharUnicodeInfo.GetUnicodeCategory(c) is
            UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation or
            UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    /// <summary>Whether <paramref name="c"/> may start an identifier (a letter or <c>_</c>).</summary>
    public static bool IsIdentifierStartChar(char c) => IsIdentifierStart(c);

    /// <summary>Whether <paramref name="c"/> may appear in an identifier after its first character.</summary>
    public static bool IsIdentifierPartChar(char c) => IsIdentifierPart(c);

    /// <summary>A regular C# string literal, quotes included, whose value is exactly <paramref name="value"/>.</summary>
    public static string StringLiteral(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\0': sb.Append("\\0"); break;
                default:
                    // Line terminators (U+0085, U+2028, U+2029) would end the literal; bidi and other
                    // format characters would make the source read differently from what it does.
                    if (NeedsEscape(c)) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    /// <summary>
    /// Text for an XML doc comment: markup characters escaped, and every control, line-terminating
    /// or format character replaced by a space so the text stays on its <c>///</c> line and the XML
    /// stays well formed (XML 1.0 forbids most control characters even as references).
    /// </summary>
    public static string XmlDocText(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                default: sb.Append(NeedsEscape(c) || char.IsControl(c) ? ' ' : c); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Text for a <c>//</c> comment: kept on one line, format characters removed.</summary>
    public static string CommentText(string value) =>
        new(value.Select(c => NeedsEscape(c) || char.IsControl(c) ? ' ' : c).ToArray());

    private static bool NeedsEscape(char c) =>
        c < 0x20 || c == 0x7F || CharUnicodeInfo.GetUnicodeCategory(c) is
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or
            UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or
            UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;

    /// <summary>A <see langword="double"/> literal that round-trips; the value must be finite.</summary>
    public static string DoubleLiteral(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "Only finite values can be written as literals.");
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }

    /// <summary>An integer literal in invariant culture.</summary>
    public static string IntegerLiteral(long value) => value.ToString(CultureInfo.InvariantCulture);
}
