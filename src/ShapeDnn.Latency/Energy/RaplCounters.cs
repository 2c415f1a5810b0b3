using System.Globalization;

namespace ShapeDnn.Latency.Energy;

/// <summary>
/// The package-level RAPL energy counters of Linux's powercap interface
/// (<c>/sys/class/powercap/intel-rapl:N/energy_uj</c>; AMD CPUs appear under the same name).
/// Only top-level zones (one colon) are read: sub-zones such as <c>intel-rapl:0:0</c> (cores) are
/// part of their package and would be counted twice.
/// </summary>
internal sealed class RaplCounters
{
    private RaplCounters(IReadOnlyList<string> zones, long[] maxRanges)
    {
        Zones = zones;
        MaxRanges = maxRanges;
    }

    /// <summary>Zone folders, in name order.</summary>
    public IReadOnlyList<string> Zones { get; }

    /// <summary>Each zone's <c>max_energy_range_uj</c>: the counter wraps to 0 after it.</summary>
    public long[] MaxRanges { get; }

    /// <summary>Finds readable package zones under <paramref name="sysfsRoot"/>, or says why there are none.</summary>
    public static RaplCounters? TryOpen(string sysfsRoot, out string reason)
    {
        if (!Directory.Exists(sysfsRoot))
        {
            reason = $"{sysfsRoot} does not exist";
            return null;
        }
        var zones = Directory.EnumerateFileSystemEntries(sysfsRoot, "intel-rapl:*")
            .Where(z => Path.GetFileName(z).Count(c => c == ':') == 1)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (zones.Count == 0)
        {
            reason = $"no intel-rapl:N package zone under {sysfsRoot}";
            return null;
        }
        try
        {
            var maxRanges = zones.Select(z => ReadMicrojoules(Path.Combine(z, "max_energy_range_uj"))).ToArray();
            foreach (var z in zones) ReadMicrojoules(Path.Combine(z, "energy_uj"));
            reason = $"RAPL package counters readable: {string.Join(", ", zones.Select(Path.GetFileName))}";
            return new RaplCounters(zones, maxRanges);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // Since Linux 5.10 energy_uj is readable by root only (side-channel mitigation).
            reason = $"RAPL counters under {sysfsRoot} are not readable ({e.Message})";
            return null;
        }
    }

    /// <summary>Reads every zone's counter.</summary>
    public long[] Read() => Zones.Select(z => ReadMicrojoules(Path.Combine(z, "energy_uj"))).ToArray();

    /// <summary>Microjoules consumed between two readings, summed over zones, allowing one wrap-around per zone.</summary>
    public long Delta(long[] before, long[] after)
    {
        long total = 0;
        for (int i = 0; i < before.Length; i++)
            total += after[i] >= before[i] ? after[i] - before[i] : MaxRanges[i] - before[i] + after[i];
        return total;
    }

    private static long ReadMicrojoules(string path) =>
        long.Parse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
}
