using System.Globalization;

namespace NanoCard.Flasher.Cards;

/// <summary>The card's life-cycle states by name (docs/apdu-spec.md, card manager), as sim and the lab view print them.</summary>
public static class LifeCycles
{
    public static string Name(byte state) => state switch
    {
        0x01 => "pre-issuance",
        0x0F => "issued",
        0xFF => "terminated",
        byte b => b.ToString("X2", CultureInfo.InvariantCulture),
    };
}
