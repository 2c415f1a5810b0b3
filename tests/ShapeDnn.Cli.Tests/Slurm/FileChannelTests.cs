using ShapeDnn.Cli.Training;

namespace ShapeDnn.Cli.Tests.Slurm;

/// <summary>The worker channel over files (Slurm tasks): events out, answers in, the answers file's age as the lifeline.</summary>
public sealed class FileChannelTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("sdnn-file-channel-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void Events_reach_the_parent_as_whole_lines_and_answers_reach_the_worker()
    {
        var (answers, events) = FileChannel.OpenWorkerEnds(_folder);
        var follower = new FileChannel.LineFollower(Path.Combine(_folder, FileChannel.EventsFile));
        Assert.That(follower.ReadNew(), Is.Empty);

        events.Write("{\"v\":1,");
        Assert.That(follower.ReadNew(), Is.Empty, "nothing is written before the flush");
        events.WriteLine("\"event\":\"progress\"}");
        events.Flush();
        events.WriteLine("{\"second\":1}");
        events.Flush();
        Assert.That(follower.ReadNew(), Is.EqualTo(new[] { "{\"v\":1,\"event\":\"progress\"}", "{\"second\":1}" }));
        Assert.That(follower.ReadNew(), Is.Empty, "each line is read once");

        FileChannel.Answer(_folder, "continue");
        FileChannel.Answer(_folder, "stop");
        Assert.That(answers.ReadLine(), Is.EqualTo("continue"));
        Assert.That(answers.ReadLine(), Is.EqualTo("stop"));
    }

    [Test]
    public void A_worker_waiting_for_an_answer_takes_a_stale_answers_file_as_its_parent_gone()
    {
        var (answers, _) = FileChannel.OpenWorkerEnds(_folder);
        File.SetLastWriteTimeUtc(Path.Combine(_folder, FileChannel.AnswersFile), DateTime.UtcNow - FileChannel.StaleAfter - TimeSpan.FromMinutes(1));
        Assert.That(answers.ReadLine(), Is.Null);
    }

    [Test]
    public void The_parents_heartbeat_keeps_the_answers_file_fresh()
    {
        FileChannel.OpenWorkerEnds(_folder);
        var file = Path.Combine(_folder, FileChannel.AnswersFile);
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow - TimeSpan.FromHours(1));
        FileChannel.Beat(_folder);
        Assert.That(DateTime.UtcNow - File.GetLastWriteTimeUtc(file), Is.LessThan(FileChannel.StaleAfter));
    }
}
