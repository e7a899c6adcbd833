namespace NanoCard.Os.Credentials
{
    /// <summary>
    /// What a PIN value may look like: its length range and its characters (ASCII, no padding,
    /// as the My Number card's PINs: docs/references.md §3.1, VERIFY).
    /// A value breaking the format is refused before any try is used: the rule is public, so
    /// refusing it tells an attacker nothing.
    /// </summary>
    public sealed class PinFormat
    {
        /// <summary>'0'–'9' only (the 4-digit PINs).</summary>
        public const byte Digits = 1;
        /// <summary>'A'–'Z' and '0'–'9' (the JPKI signing password).</summary>
        public const byte UpperAlphanumeric = 2;

        private readonly byte charset;

        public PinFormat(byte minLength, byte maxLength, byte charset)
        {
            if (minLength < 1 || maxLength < minLength || maxLength > 64)
            {
                throw new System.ArgumentOutOfRangeException("maxLength");
            }
            if (charset != Digits && charset != UpperAlphanumeric)
            {
                throw new System.ArgumentOutOfRangeException("charset");
            }
            MinLength = minLength;
            MaxLength = maxLength;
            this.charset = charset;
        }

        public byte MinLength { get; }

        public byte MaxLength { get; }

        /// <summary>True when <c>value[offset..offset+length)</c> has an allowed length and only allowed characters.</summary>
        public bool Accepts(byte[] value, short offset, short length)
        {
            if (length < MinLength || length > MaxLength)
            {
                return false;
            }
            for (int i = 0; i < length; i++)
            {
                byte c = value[offset + i];
                bool digit = c >= (byte)'0' && c <= (byte)'9';
                bool upper = c >= (byte)'A' && c <= (byte)'Z';
                if (!(digit || (charset == UpperAlphanumeric && upper)))
                {
                    return false;
                }
            }
            return true;
        }
    }
}
