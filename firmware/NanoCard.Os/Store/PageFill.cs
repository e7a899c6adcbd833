using NanoCard.Hal.Storage;

namespace NanoCard.Os.Store
{
    /// <summary>Writes one byte value over a range, a page-sized buffer at a time (erasing regions, filling new objects).</summary>
    internal static class PageFill
    {
        public static void Fill(INvm nvm, int address, int length, byte value, byte[] page)
        {
            for (int i = 0; i < page.Length; i++)
            {
                page[i] = value;
            }
            for (int done = 0; done < length; done += page.Length)
            {
                int chunk = length - done < page.Length ? length - done : page.Length;
                nvm.Write(address + done, page, 0, chunk);
            }
        }
    }
}
