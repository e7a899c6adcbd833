namespace NanoCard.Issuance;

/// <summary>
/// Writes the CA folder's PEM files. .NET's Export…Pem() ends at the closing dashes, with no line
/// feed; every PEM here ends with one, so that <c>cat ca/*.crt.pem &gt; bundle.pem</c> gives a bundle
/// that OpenSSL reads (without it the next BEGIN line is glued to the END line: "bad end line").
/// </summary>
public static class PemFile
{
    public static void Write(string path, string pem) => File.WriteAllText(path, pem.EndsWith('\n') ? pem : pem + "\n");
}
