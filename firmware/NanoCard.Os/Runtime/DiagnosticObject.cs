using NanoCard.Os.Store;

namespace NanoCard.Os.Runtime
{
    /// <summary>
    /// GET DATA <c>00 CA DF 4E Le</c> (ISO/IEC 7816-4:2020 §11.5.2, a proprietary tag): the store's
    /// health and counters, answered by the runtime whatever is selected, and the one command a card
    /// whose store failed its checks still answers (docs/apdu-spec.md, docs/eeprom-layout.md).
    /// </summary>
    public static class DiagnosticObject
    {
        public const byte TagHigh = 0xDF;
        public const byte TagLow = 0x4E;

        public const int OffsetHealth = 0;
        public const int OffsetLifeCycle = 1;
        public const int OffsetLayoutVersion = 2;
        public const int OffsetCommitSequence = 4;
        public const int OffsetCounterSequence = 8;
        public const int OffsetObjects = 12;
        public const int OffsetFreeBytes = 14;
        public const int Length = 18;

        /// <summary>True for a GET DATA naming the diagnostic tag (the header alone decides; the length is checked when answering).</summary>
        public static bool IsRequest(byte[] command)
        {
            return command[Iso7816.OffsetCla] == 0x00 && command[Iso7816.OffsetIns] == Iso7816.InsGetData
                && command[Iso7816.OffsetP1] == TagHigh && command[Iso7816.OffsetP2] == TagLow;
        }

        /// <summary>Writes the object into the APDU buffer: 9000, or 6700 when the command carries data or no Le.</summary>
        public static ushort Answer(CardStore store, Apdu apdu)
        {
            if (apdu.Case != ApduCase.ResponseData)
            {
                return Sw.WrongLength;
            }
            byte[] buffer = apdu.Buffer;
            Util.ArrayFill(buffer, 0, Length, 0);
            buffer[OffsetHealth] = store.Health;
            buffer[OffsetLifeCycle] = store.LifeCycle;
            Util.SetShort(buffer, OffsetLayoutVersion, StoreHeader.LayoutVersion);
            BigEndian.SetUInt32(buffer, OffsetCommitSequence, store.CommitSequence);
            BigEndian.SetUInt32(buffer, OffsetCounterSequence, store.CounterSequence);
            Util.SetShort(buffer, OffsetObjects, (short)store.ObjectCount);
            BigEndian.SetUInt32(buffer, OffsetFreeBytes, store.IsHealthy ? (uint)store.FreeBytes : 0);
            short length = apdu.ExpectedLength < Length ? (short)apdu.ExpectedLength : (short)Length;
            apdu.SetOutgoingAndSend(0, length);
            return Sw.NoError;
        }
    }
}
