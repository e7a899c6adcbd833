using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using NanoCard.Pkcs11.Native;
using static NanoCard.Pkcs11.Tests.ModuleHarness;

namespace NanoCard.Pkcs11.Tests;

[Collection(IssuedCardsCollection.Name)]
public sealed class RemovalAndConcurrencyTests(IssuedCards cards)
{
    private static readonly byte[] Message = "removal and concurrency"u8.ToArray();

    [Fact]
    public void Removing_the_card_mid_session_ends_its_sessions_and_login()
    {
        using var h = new ModuleHarness().With("Reader A", cards.Gen1).With("Reader B", cards.Gen2).Started();
        ulong gen1 = h.Session(ASlotAuth, cards.Gen1.Pin);
        ulong gen2 = h.Session(BSlotAuth, cards.Gen2.Pin);
        ulong key = h.Key(gen1, 0x01);
        h.Module.SignInit(gen1, Ckm.Sha256RsaPkcs, key);

        h.Readers.Remove("Reader A");

        Assert.Equal(Ckr.DeviceRemoved, Rv(() => h.Module.Sign(gen1, Message)));
        Assert.Equal(Ckr.SessionHandleInvalid, Rv(() => h.Module.GetSessionInfo(gen1)));
        Assert.Equal([2UL, 3], h.Module.GetSlotList(tokenPresent: true));
        Assert.Equal(64, h.Sign(gen2, Ckm.EcdsaSha256, h.Key(gen2, 0x03), Message).Length);

        h.Readers.Insert("Reader A", cards.Gen1.Image);
        ulong again = h.Session(ASlotAuth);
        Assert.Equal(Cks.RoPublic, h.Module.GetSessionInfo(again).State);
        Assert.Equal(Ckr.KeyHandleInvalid, Rv(() => h.Module.SignInit(again, Ckm.Sha256RsaPkcs, key)));
    }

    [Fact]
    public async Task C_WaitForSlotEvent_reports_each_slot_whose_token_came_or_went()
    {
        using var h = new ModuleHarness().With("Reader A", cards.Gen1).Started();
        Assert.Null(h.Module.WaitForSlotEvent(dontBlock: true));

        h.Readers.Insert("Reader B", cards.Gen2.Image);
        Assert.Equal(BSlotAuth, h.Module.WaitForSlotEvent(dontBlock: true));
        Assert.Equal(BSlotSign, h.Module.WaitForSlotEvent(dontBlock: true));
        Assert.Null(h.Module.WaitForSlotEvent(dontBlock: true));

        Task<ulong?> waiting = Task.Run(() => h.Module.WaitForSlotEvent(dontBlock: false));
        Thread.Sleep(100);
        Assert.False(waiting.IsCompleted);
        h.Readers.Remove("Reader A");
        Assert.Equal(ASlotAuth, await waiting.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(ASlotSign, h.Module.WaitForSlotEvent(dontBlock: true));

        // C_Finalize releases a blocked wait with CKR_CRYPTOKI_NOT_INITIALIZED.
        Task<ulong?> blocked = Task.Run(() => h.Module.WaitForSlotEvent(dontBlock: false));
        Thread.Sleep(100);
        Assert.False(blocked.IsCompleted);
        h.Module.Shutdown();
        var error = await Assert.ThrowsAsync<Tokens.Pkcs11Exception>(() => blocked.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(Ckr.CryptokiNotInitialized, error.Rv);
    }

    [Fact]
    public async Task Concurrent_sessions_on_both_tokens_sign_correctly()
    {
        using var h = new ModuleHarness().With("Reader B", cards.Gen2).Started();
        ulong auth = h.Session(BSlotAuth, cards.Gen2.Pin);
        ulong sign = h.Session(BSlotSign, cards.Gen2.Password);
        ulong authKey = h.Key(auth, 0x03);
        ulong signKey = h.Key(sign, 0x02);
        ulong cardKey = h.Key(auth, 0x05);

        Task<bool>[] workers =
        [
            .. Enumerable.Range(0, 3).Select(_ => Task.Run(() => Repeat(h.Session(BSlotAuth), Ckm.EcdsaSha256, authKey, s => cards.Gen2.Certificates[0x03].GetECDsaPublicKey()!.VerifyData(Message, s, HashAlgorithmName.SHA256)))),
            .. Enumerable.Range(0, 2).Select(_ => Task.Run(() => Repeat(h.Session(BSlotSign), Ckm.Sha256RsaPkcs, signKey, s => cards.Gen2.Certificates[0x02].GetRSAPublicKey()!.VerifyData(Message, s, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)))),
            Task.Run(() => Repeat(h.Session(BSlotAuth), Ckm.EcdsaSha256, cardKey, s => cards.Gen2.Certificates[0x05].GetECDsaPublicKey()!.VerifyData(Message, s, HashAlgorithmName.SHA256))),
        ];

        bool[] verified = await Task.WhenAll(workers).WaitAsync(TimeSpan.FromMinutes(2));
        Assert.All(verified, Assert.True);

        bool Repeat(ulong session, ulong mechanism, ulong key, Func<byte[], bool> verifies)
            => Enumerable.Range(0, 10).All(_ => verifies(h.Sign(session, mechanism, key, Message)));
    }
}
