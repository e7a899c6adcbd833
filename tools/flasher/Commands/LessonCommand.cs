using NanoCard.Flasher.Lessons;

namespace NanoCard.Flasher.Commands;

/// <summary>
/// <c>flasher demo --lesson NAME</c>: one teaching lesson's trace (docs/teaching.md), <c>all</c>
/// of them, or <c>list</c>; with <c>--update-doc</c> the text goes into the guide's blocks instead.
/// </summary>
public static class LessonCommand
{
    public static int Run(string name, string? guidePath, TextWriter output)
    {
        if (name == "list")
        {
            foreach (Lesson lesson in LessonCatalog.All)
            {
                output.WriteLine($"{lesson.Name,-15} {lesson.Title}");
            }
            return 0;
        }
        IReadOnlyList<Lesson> lessons = name == "all" ? LessonCatalog.All
            : [LessonCatalog.Find(name) ?? throw new UserError($"no lesson '{name}': flasher demo --lesson list shows them")];
        if (guidePath is null)
        {
            foreach (Lesson lesson in lessons)
            {
                output.WriteLine($"## {lesson.Name}: {lesson.Title}");
                output.Write(LessonCatalog.Text(lesson));
            }
            return 0;
        }
        if (!File.Exists(guidePath))
        {
            throw new UserError($"guide '{guidePath}' not found");
        }
        string updated = TeachingGuide.Update(File.ReadAllText(guidePath), lessons.ToDictionary(l => l.Name, LessonCatalog.Text));
        File.WriteAllText(guidePath, updated);
        output.WriteLine($"{guidePath}: {lessons.Count} lesson block(s) rewritten");
        return 0;
    }
}
