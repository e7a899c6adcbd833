namespace NanoCard.Flasher.Lessons;

/// <summary>
/// One guided session of docs/teaching.md: it plays its exchanges on a <see cref="LessonCard"/>
/// and writes an explained APDU trace with short commentary lines (starting <c>#</c>). The text
/// must be the same on every run: the guide embeds it and TeachingGuideTests compares.
/// </summary>
/// <param name="name">The name given to <c>flasher demo --lesson</c> and used in the guide's markers.</param>
public abstract class Lesson(string name, string title)
{
    public string Name { get; } = name;

    public string Title { get; } = title;

    public abstract void Run(TextWriter output);
}
