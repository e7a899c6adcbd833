using NanoCard.Os;
using NanoCard.Os.Files;

namespace NanoCard.Applets.Shared
{
    /// <summary>
    /// CHANGE KEY <c>80 32 00 P2 Lc new</c> of the 住基 AP (docs/references.md §3.1; the real common AP has it too, NanoCard's has no PIN):
    /// CHANGE REFERENCE DATA's rules under the proprietary class, with P1 00.
    /// </summary>
    public static class ChangeKey
    {
        public static ushort Process(DedicatedFile df, Apdu apdu)
        {
            return apdu.P1 != 0 ? Sw.IncorrectP1P2 : FileCommands.ReplaceVerifiedPin(df, apdu);
        }
    }
}
