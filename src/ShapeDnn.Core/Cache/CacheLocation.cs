namespace ShapeDnn.Cache;

/// <summary>Where the shared cache lives when neither <c>--cache</c> nor <c>ShapeDnnCacheDir</c> says.</summary>
public static class CacheLocation
{
    /// <summary>$SHAPEDNN_CACHE, else $XDG_CACHE_HOME/shapednn, else ~/.cache/shapednn.</summary>
    public static string Default()
    {
        var explicitFolder = Environment.GetEnvironmentVariable("SHAPEDNN_CACHE");
        if (!string.IsNullOrWhiteSpace(explicitFolder)) return explicitFolder;
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrWhiteSpace(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "shapednn");
    }
}
