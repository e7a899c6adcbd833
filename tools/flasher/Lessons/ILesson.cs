namespace NanoCard.Flasher.Lessons;

/// <summary>
/// One guided session of docs/teaching.md: it plays its exchanges on a <see cref="LessonCard"/>
/// and writes an explained APDU trace with short commentary lines (starting <c>#</c>). The text
/// must be the same on every run: the guide embeds it and TeachingGuideTests compares.
/// </summary>
public interface ILesson
{
    /// <summary>The name given to <c>flasher demo --lesson</c> and used in the guide's markers.</summary>
    string Name { get; }

    string Title { get; }

    void Run(TextWriter output);
}
