namespace ShapeDnn.Training.Native;

/// <summary>Outcome of checking a library against the system libstdc++.</summary>
public enum PatchStatus
{
    /// <summary>The system libstdc++ provides every version the library needs; nothing was touched.</summary>
    Compatible,
    /// <summary>The library had been patched before (by an earlier run).</summary>
    AlreadyPatched,
    /// <summary>The library was patched now.</summary>
    Patched,
}
