using NanoCard.Issuance;

namespace NanoCard.Applets.Tests;

/// <summary>A fixed made-up person for the AP tests (the flasher makes random ones).</summary>
public static class SamplePersona
{
    /// <summary>Bytes that stand for the images: the card stores them without looking inside.</summary>
    private static byte[] Image(string label, int size) => [.. System.Text.Encoding.ASCII.GetBytes(label), .. Enumerable.Range(0, size).Select(i => (byte)(i * 31))];

    public static Persona Create()
    {
        string first11 = "12345678901";
        return new Persona
        {
            Name = "試験　花子",
            NameKana = "シケン　ハナコ",
            Address = "東京都千代田区試験町一丁目２番３号",
            BirthDate = new DateOnly(1980, 2, 17),
            Sex = "2",
            MyNumber = first11 + MyNumber.CheckDigit(first11),
            ResidentCode = "98765432109",
            Pin = "1234",
            SignPassword = "ABC123XYZ",
            Puk = "12345678",
            SecurityCode = "2285",
            Expiry = new DateOnly(2035, 2, 17),
            MunicipalityCode = "13101",
            Serial = "400000012719843",
            FacePhoto = Image("photo", 3000),
            NameImage = Image("name", 300),
            AddressImage = Image("address", 600),
            SecurityCodeImage = Image("code", 120),
            MyNumberImage = Image("number", 200),
        };
    }
}
