using System.Text;
using ShapeDnn.Cache;

namespace ShapeDnn.Cli.Training;

/// <summary>
/// The worker channel over files, for workers that are not this process's children (Slurm tasks on
/// other nodes, where no pipe reaches): in the channel folder the worker appends its
/// <see cref="WorkerEvent"/> lines to <see cref="EventsFile"/> and reads the parent's answers, one a
/// line, from <see cref="AnswersFile"/>. The lifeline is the answers file's age: the parent touches it
/// every <see cref="HeartbeatInterval"/>, and a worker that finds it older than <see cref="StaleAfter"/>
/// (or gone) takes the parent as gone, as end of file on a pipe.
/// </summary>
/// <remarks>
/// Each event is appended with its own open-write-flush-close, so that on NFS (close-to-open
/// consistency) the parent sees whole lines as soon as they are written; a reader only takes lines that
/// end with a newline. The age check compares the file server's time with the node's clock: nodes and
/// file server must agree within a minute (NTP), which clusters do.
/// </remarks>
internal static class FileChannel
{
    /// <summary>The worker's events, JSON lines appended.</summary>
    public const string EventsFile = "events.jsonl";

    /// <summary>The parent's answers, one a line; its modification time is the parent's heartbeat.</summary>
    public const string AnswersFile = "answers";

    /// <summary>How often the parent touches the answers file.</summary>
    public static readonly TimeSpan HeartbeatInterval = CacheLease.HeartbeatInterval;

    /// <summary>A parent whose answers file is older than this is gone.</summary>
    public static readonly TimeSpan StaleAfter = CacheLease.StaleAfter;

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    /// <summary>The worker's two ends on <paramref name="folder"/>: the parent's answers (end of file = parent gone) and the events.</summary>
    public static (TextReader Answers, TextWriter Events) OpenWorkerEnds(string folder)
    {
        Directory.CreateDirectory(folder);
        string answers = Path.Combine(folder, AnswersFile);
        // The parent creates the file before it submits; creating it here too (empty) keeps a slow file system from reading as "parent gone".
        if (!File.Exists(answers)) File.WriteAllText(answers, "");
        return (new AnswerReader(answers), new AppendingWriter(Path.Combine(folder, EventsFile)));
    }

    /// <summary>Appends one answer line for the worker (the parent's side).</summary>
    public static void Answer(string folder, string answer) => AppendLine(Path.Combine(folder, AnswersFile), answer);

    /// <summary>Refreshes the parent's heartbeat (the answers file's time).</summary>
    public static void Beat(string folder)
    {
        string answers = Path.Combine(folder, AnswersFile);
        if (!File.Exists(answers)) File.WriteAllText(answers, "");
        File.SetLastWriteTimeUtc(answers, DateTime.UtcNow);
    }

    private static void AppendLine(string path, string line)
    {
        using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        file.Write(Encoding.UTF8.GetBytes(line + "\n"));
        file.Flush(flushToDisk: true);
    }

    /// <summary>Reads complete new lines of a file that another process appends to, from where the last read ended.</summary>
    internal sealed class LineFollower(string path)
    {
        private long _offset;
        private readonly List<byte> _partial = [];

        /// <summary>The lines completed since the last call (none when the file does not exist yet).</summary>
        public IReadOnlyList<string> ReadNew()
        {
            var lines = new List<string>();
            FileStream file;
            try
            {
                file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (FileNotFoundException) { return lines; }
            catch (DirectoryNotFoundException) { return lines; }
            using (file)
            {
                if (file.Length <= _offset) return lines;
                file.Seek(_offset, SeekOrigin.Begin);
                var buffer = new byte[file.Length - _offset];
                int read = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
                _offset += read;
                foreach (var b in buffer.AsSpan(0, read))
                {
                    if (b != (byte)'\n') { _partial.Add(b); continue; }
                    lines.Add(Encoding.UTF8.GetString(_partial.ToArray()));
                    _partial.Clear();
                }
            }
            return lines;
        }
    }

    /// <summary>The answers as a reader whose <see cref="ReadLine"/> blocks until a line comes, or returns null once the parent is gone.</summary>
    private sealed class AnswerReader(string path) : TextReader
    {
        private readonly LineFollower _follower = new(path);
        private readonly Queue<string> _lines = new();

        public override string? ReadLine()
        {
            while (_lines.Count == 0)
            {
                foreach (var line in _follower.ReadNew()) _lines.Enqueue(line);
                if (_lines.Count > 0) break;
                if (ParentGone()) return null;
                Thread.Sleep(Poll); // another process writes the file: there is nothing to wait on but its content
            }
            return _lines.Dequeue();
        }

        private bool ParentGone()
        {
            var info = new FileInfo(path);
            return !info.Exists || DateTime.UtcNow - info.LastWriteTimeUtc > StaleAfter;
        }
    }

    /// <summary>Collects what is written and appends it to the file on each <see cref="Flush"/> (WorkerChannel flushes after every event).</summary>
    private sealed class AppendingWriter(string path) : TextWriter
    {
        private readonly StringBuilder _pending = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => _pending.Append(value);

        public override void Write(string? value) => _pending.Append(value);

        public override void WriteLine(string? value) => _pending.Append(value).Append('\n');

        public override void Flush()
        {
            if (_pending.Length == 0) return;
            using (var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
            {
                file.Write(Encoding.UTF8.GetBytes(_pending.ToString()));
                file.Flush(flushToDisk: true);
            }
            _pending.Clear();
        }
    }
}
