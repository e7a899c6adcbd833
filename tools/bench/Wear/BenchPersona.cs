using NanoCard.Issuance;

namespace NanoCard.Bench.Wear;

/// <summary>A fixed made-up person for the life-cycle figures (images of typical gen1 sizes: a 3 KB photo).</summary>
public static class BenchPersona
{
    private static byte[] Bytes(int size, int seed)
    {
        byte[] bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static Persona Create() => new()
    {
        Name = "試験　太郎",
        NameKana = "シケン　タロウ",
        Address = "大阪府大阪市試験区一丁目２番３号",
        BirthDate = new DateOnly(1990, 4, 1),
        Sex = "1",
        MyNumber = "12345678901" + MyNumber.CheckDigit("12345678901"),
        ResidentCode = "12345678901",
        Pin = "1234",
        SignPassword = "BENCH2026",
        Puk = "12345678",
        SecurityCode = "1234",
        Expiry = new DateOnly(2036, 4, 1),
        MunicipalityCode = "27100",
        Serial = "400000012345678",
        FacePhoto = Bytes(3000, 1),
        NameImage = Bytes(300, 2),
        AddressImage = Bytes(600, 3),
        SecurityCodeImage = Bytes(120, 4),
        MyNumberImage = Bytes(200, 5),
    };
}
