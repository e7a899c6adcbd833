using System.Globalization;

namespace NanoCard.Flasher.Lessons;

/// <summary>The lessons, in the order docs/teaching.md teaches them.</summary>
public static class LessonCatalog
{
    public static IReadOnlyList<Lesson> All { get; } =
    [
        new SelectApsLesson(),
        new TokenInfoLesson(),
        new PinCountdownLesson(),
        new DigestInfoLesson(),
        new EepromLesson(),
        new PowerCutLesson(),
        new LicenceLesson(),
    ];

    public static Lesson? Find(string name) => All.FirstOrDefault(l => l.Name == name);

    /// <summary>
    /// A lesson's text as the guide stores it whatever the machine: Unix line ends, and numbers in
    /// the invariant culture (the lessons' interpolated strings format with the current one).
    /// </summary>
    public static string Text(Lesson lesson)
    {
        var output = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        CultureInfo culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            lesson.Run(output);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
        return output.ToString();
    }
}
