using NanoCard.Issuance;

namespace NanoCard.Applets.Tests;

/// <summary>A fixed made-up person for the AP tests (the flasher makes random ones).</summary>
public static class SamplePersona
{
    /// <summary>Bytes that stand for the images: the card stores them without looking inside.</summary>
    private static byte[] Image(string label, int size) => [.. System.Text.Encoding.ASCII.GetBytes(label), .. Enumerable.Range(0, size).Select(i => (byte)(i * 31))];

    /// <summary>The gen2 persona: the same person, a colour photo of 20 000 bytes, EC keys on <paramref name="curve"/>.</summary>
    public static Persona CreateGen2(string curve = "P-256")
    {
        Persona p = Create();
        return new Persona
        {
            Profile = "gen2", Curve = curve, ColourPhoto = Image("colour photo", 20000),
            Name = p.Name, NameKana = p.NameKana, Address = p.Address, BirthDate = p.BirthDate, Sex = p.Sex, MyNumber = p.MyNumber,
            ResidentCode = p.ResidentCode, Pin = p.Pin, SignPassword = p.SignPassword, Puk = p.Puk, SecurityCode = p.SecurityCode,
            Expiry = p.Expiry, MunicipalityCode = p.MunicipalityCode, Serial = p.Serial, FacePhoto = p.FacePhoto, NameImage = p.NameImage,
            AddressImage = p.AddressImage, SecurityCodeImage = p.SecurityCodeImage, MyNumberImage = p.MyNumberImage,
            Licence = p.Licence, Municipal = p.Municipal,
        };
    }

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
            Licence = new LicenceData("301200345670", "東京都公安委員会", new DateOnly(2024, 2, 10), new DateOnly(2029, 3, 17), "優良",
                ["眼鏡等", "中型車は中型車（８ｔ）に限る"], [new LicenceCategory(0x31, "中型", new DateOnly(2000, 4, 1))],
                "東京都架空市本籍町１番地", "1357", "2468"),
            Municipal = new MunicipalData("千代田区", "12345678", "1234567890"),
        };
    }
}
