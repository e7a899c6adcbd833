using NanoCard.Applets;

namespace NanoCard.Flasher.Cards;

/// <summary>The card profiles by the names the command line and persona files use.</summary>
public static class Profiles
{
    public const string Description = "gen1 (today's card) or gen2 (next generation: ECDSA, PUK, card authentication, colour photo)";

    public static byte Number(string name) => name switch
    {
        "gen1" => MynaCard.Gen1,
        "gen2" => MynaCard.Gen2,
        _ => throw new UserError($"unknown profile '{name}': use gen1 or gen2"),
    };

    public static string Name(byte number) => number == MynaCard.Gen2 ? "gen2" : "gen1";
}
