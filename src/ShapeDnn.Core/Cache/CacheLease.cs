using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ShapeDnn.Cache;

/// <summary>
/// The right to train one cache entry, so that two processes sharing a cache (two builds, two CI
/// jobs, the IDE and a terminal) never train the same shape twice: the one that holds the lease
/// trains and stores; the others wait for the lease and then find the entry.
/// </summary>
/// <remarks>
/// The lease is a small file beside the entry, <c>KEY.lease</c>, holding its holder's pid, host and
/// start time. It is held open with <see cref="FileShare.None"/>, which .NET implements with an
/// exclusive <c>flock</c>, so the kernel itself releases it when the holder dies, however it dies
/// (SIGKILL included): a dead holder's lease is taken over at once. The content is the second line
/// of defence where such locks are not shared (file locking disabled, a network file system that
/// does not forward them): a lease naming a live process on this host, or a process on another host
/// whose heartbeat (the file's modification time, refreshed every <see cref="HeartbeatInterval"/>)
/// is younger than <see cref="StaleAfter"/>, is respected. Releasing empties the file rather than
/// deleting it: deleting a locked file lets a waiter lock the deleted copy while a third process
/// creates and locks a new one.
/// </remarks>
public sealed class CacheLease : IDisposable
{
    /// <summary>How often a holder refreshes its heartbeat.</summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(20);

    /// <summary>A lease of another host whose heartbeat is older than this is stale and taken over.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(50), LongestPoll = TimeSpan.FromSeconds(1);
    private readonly FileStream _file;
    private readonly Timer _heartbeat;
    private readonly string _path;

    private CacheLease(FileStream file, string path)
    {
        _file = file;
        _path = path;
        _heartbeat = new Timer(_ => Beat(), null, HeartbeatInterval, HeartbeatInterval);
    }

    /// <summary>
    /// Takes the lease at <paramref name="path"/>, waiting while another live process holds it
    /// (polling with back-off: the holder is another process, there is nothing to wait on).
    /// </summary>
    /// <param name="path">The lease file.</param>
    /// <param name="waiting">Told once, with a description of the holder, when the lease is held elsewhere.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <exception cref="OperationCanceledException">Cancelled while waiting.</exception>
    /// <exception cref="IOException">The lease file cannot be created (the folder is not writable).</exception>
    public static CacheLease Acquire(string path, Action<string>? waiting, CancellationToken cancellationToken)
    {
        var delay = FirstPoll;
        bool told = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (TryAcquire(path, out var holder) is { } lease) return lease;
            if (!told) waiting?.Invoke(holder!);
            told = true;
            if (cancellationToken.WaitHandle.WaitOne(delay)) cancellationToken.ThrowIfCancellationRequested();
            delay = TimeSpan.FromTicks(Math.Min(LongestPoll.Ticks, delay.Ticks * 2));
        }
    }

    /// <summary>Takes the lease if nobody alive holds it; otherwise null and who holds it.</summary>
    /// <exception cref="IOException">The lease file cannot be created.</exception>
    public static CacheLease? TryAcquire(string path, out string? holder)
    {
        holder = null;
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Locked: its holder is alive (the kernel drops the lock of a dead process). Its content cannot be
            // read meanwhile (.NET asks for a shared lock to read), so the holder is named by the lease's path.
            holder = $"another process (lease {path})";
            return null;
        }
        try
        {
            var content = ReadAll(file);
            if (Holder.Parse(content) is { } previous && previous.IsAlive(File.GetLastWriteTimeUtc(path)))
            {
                holder = previous.Description;
                file.Dispose();
                return null;
            }
            var mine = Encoding.UTF8.GetBytes(Holder.OfThisProcess().ToString());
            file.SetLength(0);
            file.Position = 0;
            file.Write(mine);
            file.Flush(flushToDisk: true);
            return new CacheLease(file, path);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Gives the lease back: the file is emptied and unlocked.</summary>
    public void Dispose()
    {
        _heartbeat.Dispose();
        try
        {
            _file.SetLength(0);
            _file.Flush(flushToDisk: true);
        }
        catch (IOException)
        {
            // The lock is released below anyway; an unemptied file names this process, which is then gone or done.
        }
        _file.Dispose();
    }

    private void Beat()
    {
        try { File.SetLastWriteTimeUtc(_path, DateTime.UtcNow); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string ReadAll(FileStream file)
    {
        file.Position = 0;
        using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        return reader.ReadToEnd();
    }

    /// <summary>Who holds a lease: <c>pid host processStart startedUtc</c> on one line.</summary>
    private sealed record Holder(int Pid, string Host, long ProcessStartTicks, DateTime StartedUtc)
    {
        public static Holder OfThisProcess()
        {
            using var self = Process.GetCurrentProcess();
            return new(Environment.ProcessId, Environment.MachineName, self.StartTime.ToUniversalTime().Ticks, DateTime.UtcNow);
        }

        public string Description => $"process {Pid} on {Host} since {StartedUtc:HH:mm:ss} UTC";

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Pid} {Host} {ProcessStartTicks} {StartedUtc.Ticks}\n");

        public static Holder? Parse(string content)
        {
            var parts = content.Split(' ', '\n', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length == 4 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var pid)
                && long.TryParse(parts[2], CultureInfo.InvariantCulture, out var processStart)
                && long.TryParse(parts[3], CultureInfo.InvariantCulture, out var started) && started is >= 0 and <= 3155378975999999999
                ? new Holder(pid, parts[1], processStart, new DateTime(started, DateTimeKind.Utc))
                : null;
        }

        /// <summary>On this host: its process still runs (the same process, not a later one with its pid). Elsewhere: its heartbeat is fresh.</summary>
        public bool IsAlive(DateTime lastBeatUtc)
        {
            if (Host != Environment.MachineName) return DateTime.UtcNow - lastBeatUtc < StaleAfter;
            try
            {
                using var process = Process.GetProcessById(Pid);
                // Start times are derived from the boot time, which each process computes for itself: allow a second.
                return !process.HasExited && Math.Abs(process.StartTime.ToUniversalTime().Ticks - ProcessStartTicks) < TimeSpan.TicksPerSecond;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                return false;
            }
        }
    }
}
