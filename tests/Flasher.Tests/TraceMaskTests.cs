using NanoCard.Flasher.Trace;
using NanoCard.Issuance;

namespace NanoCard.Flasher.Tests;

/// <summary>Traces never show a secret: every command that carries one is masked (docs/security.md).</summary>
public sealed class TraceMaskTests
{
    private static readonly byte[] Puk = "12345678"u8.ToArray();
    private static readonly byte[] Pin = "4321"u8.ToArray();

    public static TheoryData<string, byte[]> SecretCommands => new()
    {
        { "VERIFY", Apdus.Verify(0x98, Pin) },
        { "RESET RETRY COUNTER", Apdus.ResetRetryCounter(0x98, Puk, Pin) },
        { "RESET RETRY COUNTER", Apdus.ResetRetryCounter(0x9B, Puk, null) },
        { "PUT CREDENTIAL (personalization)", Apdus.PutCredential(0x9E, 10, Puk) },
        { "PUT KEY", Apdus.PutKey(new byte[16]) },
        { "INS 7E", [0x80, 0x7E, 0x00, 0x00, 0x08, .. Puk] },
    };

    [Theory]
    [MemberData(nameof(SecretCommands))]
    public void Secret_data_is_masked(string name, byte[] command)
    {
        ExplainedExchange e = new ApduExplainer().Explain(command, new ResponseApdu([], 0x9000));
        Assert.Equal(name, e.Name);
        Assert.True(e.Masked);
        Assert.DoesNotContain(Convert.ToHexString(Puk), e.Command, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(Pin), e.Command, StringComparison.Ordinal);
        Assert.StartsWith(Convert.ToHexString(command[..5]), e.Command, StringComparison.Ordinal);
    }

    [Fact]
    public void Gen2_entries_are_named_and_public_data_stays_visible()
    {
        var explainer = new ApduExplainer();
        explainer.Explain(Apdus.SelectAid(NanoCard.Applets.Jpki.JpkiAp.Aid), new ResponseApdu([], 0x9000));
        ExplainedExchange e = explainer.Explain(Apdus.GenerateEcKeyPair(0x0037, 2), new ResponseApdu([], 0x9000));
        Assert.Equal("0037 (ECDSA user-authentication key), P-384", e.Detail);
        Assert.False(e.Masked);
        Assert.Equal("0037 (ECDSA user-authentication key)", explainer.Explain(Apdus.SelectEf(0x0037), new ResponseApdu([], 0x9000)).Detail);
        Assert.Equal(Convert.ToHexString(Apdus.SwitchKeySet(0x02)), explainer.Explain(Apdus.SwitchKeySet(0x02), new ResponseApdu([], 0x6985)).Command.Split(' ')[0]);
    }
}
