namespace NanoCard.Flasher.Lessons;

/// <summary>The lessons, in the order docs/teaching.md teaches them.</summary>
public static class LessonCatalog
{
    public static IReadOnlyList<ILesson> All { get; } =
    [
        new SelectApsLesson(),
        new TokenInfoLesson(),
        new PinCountdownLesson(),
        new DigestInfoLesson(),
        new EepromLesson(),
        new PowerCutLesson(),
    ];

    public static ILesson? Find(string name) => All.FirstOrDefault(l => l.Name == name);

    /// <summary>A lesson's text, with Unix line ends whatever the platform (the guide is stored that way).</summary>
    public static string Text(ILesson lesson)
    {
        var output = new StringWriter { NewLine = "\n" };
        lesson.Run(output);
        return output.ToString();
    }
}
