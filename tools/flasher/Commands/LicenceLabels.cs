using NanoCard.Issuance.Packages;

namespace NanoCard.Flasher.Commands;

/// <summary>The licence items' names as the police agency's specification gives them (DF1/EF01), for <c>flasher read licence</c>; dates shown in both calendars.</summary>
public static class LicenceLabels
{
    private static readonly Dictionary<int, string> Names = new()
    {
        [0x12] = "氏名 (name)", [0x13] = "呼び名 (kana)", [0x16] = "生年月日 (birth date)", [0x17] = "住所 (address)",
        [0x18] = "交付年月日 (issued)", [0x1A] = "色区分 (colour)", [0x1B] = "有効期間の末日 (valid until)",
        [0x1C] = "条件1 (condition)", [0x1D] = "条件2 (condition)", [0x1E] = "条件3 (condition)", [0x1F] = "条件4 (condition)",
        [0x20] = "公安委員会 (commission)", [0x21] = "免許証の番号 (number)",
        [0x22] = "二・小・原", [0x23] = "他", [0x24] = "二種", [0x25] = "大型", [0x26] = "普通", [0x27] = "大特", [0x28] = "大自二",
        [0x29] = "普自二", [0x2A] = "小特", [0x2B] = "原付", [0x2C] = "け引", [0x2D] = "大二", [0x2E] = "普二", [0x2F] = "大特二",
        [0x30] = "け引二", [0x31] = "中型", [0x32] = "中二", [0x33] = "準中型",
    };

    private static readonly HashSet<int> Dates = [0x16, 0x18, 0x1B];

    public static string Of(int tag) => Names.TryGetValue(tag, out string? name)
        ? (tag >= 0x22 ? $"{name} since" : name)
        : $"item {tag:X2}";

    public static string Show(int tag, string value)
    {
        if (!Dates.Contains(tag) && tag < 0x22)
        {
            return value;
        }
        try
        {
            return $"{value} ({LicenceFormat.FromEraDate(value):yyyy-MM-dd})";
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentOutOfRangeException)
        {
            return value;
        }
    }
}
