using System.Security.Cryptography;
using System.Text;

namespace ShapeDnn.Cache;

/// <summary>Content-addressed keys: the SHA-256 of the canonical text of everything a result depends on.</summary>
public static class ContentKey
{
    /// <summary>Hex SHA-256 of <paramref name="parts"/> joined by newlines (each part is <c>name=value</c>).</summary>
    public static string Compute(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))));

    /// <summary>Hex SHA-256 of the bytes of <paramref name="files"/> in the given order, names included.</summary>
    public static string OfFiles(IEnumerable<string> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        foreach (var file in files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\n"));
            using var stream = File.OpenRead(file);
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0) hash.AppendData(buffer, 0, read);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
