using NanoCard.Hal.Host.Crypto;
using NanoCard.Os.Secrets;
using NanoCard.Os.Store;

namespace NanoCard.Os.Tests;

/// <summary>How secrets sit in the EEPROM (docs/security.md, "Secrets at rest"; docs/eeprom-layout.md, sealed key records).</summary>
public sealed class SecretSealTests
{
    private const short Body = 40;
    private const int Address = 0x1230;
    private static readonly byte[] DeviceKey = Enumerable.Range(1, SecretSeal.DeviceKeyLength).Select(i => (byte)i).ToArray();
    private static readonly byte[] Secret = Enumerable.Range(100, Body).Select(i => (byte)i).ToArray();

    private static byte[] Sealed(SecretSeal seal, int address = Address)
    {
        byte[] record = new byte[Body + SecretSeal.Overhead];
        Secret.CopyTo(record, SecretSeal.HeaderLength);
        seal.Seal(address, record, 0, Body);
        return record;
    }

    [Fact]
    public void A_sealed_record_hides_the_body_and_opens_to_it()
    {
        var seal = new SecretSeal(new HostCrypto(), DeviceKey);
        byte[] record = Sealed(seal);
        Assert.Equal(SecretSeal.Sealed, record[0]);
        Assert.Equal(-1, record.AsSpan().IndexOf(Secret.AsSpan(0, 8)));
        Assert.True(new SecretSeal(new HostCrypto(), DeviceKey).Open(Address, record, 0, Body));
        Assert.Equal(Secret, record[SecretSeal.HeaderLength..(SecretSeal.HeaderLength + Body)]);
    }

    [Fact]
    public void Every_write_has_a_fresh_nonce()
    {
        var seal = new SecretSeal(new HostCrypto(), DeviceKey);
        Assert.NotEqual(Sealed(seal), Sealed(seal));
    }

    [Theory]
    [InlineData(0)]                               // the state byte
    [InlineData(3)]                               // the address
    [InlineData(SecretSeal.HeaderLength - 1)]     // the nonce
    [InlineData(SecretSeal.HeaderLength + 7)]     // the body
    [InlineData(SecretSeal.HeaderLength + Body)]  // the tag
    public void An_edited_record_does_not_open_and_its_body_is_wiped(int at)
    {
        var seal = new SecretSeal(new HostCrypto(), DeviceKey);
        byte[] record = Sealed(seal);
        record[at] ^= 0x01;
        Assert.False(seal.Open(Address, record, 0, Body));
        Assert.All(record[SecretSeal.HeaderLength..(SecretSeal.HeaderLength + Body)], b => Assert.Equal(0, b));
    }

    [Fact]
    public void A_record_copied_to_another_address_or_card_does_not_open()
    {
        var seal = new SecretSeal(new HostCrypto(), DeviceKey);
        Assert.False(seal.Open(Address + 16, Sealed(seal), 0, Body));
        byte[] otherKey = (byte[])DeviceKey.Clone();
        otherKey[0] ^= 1;
        Assert.False(new SecretSeal(new HostCrypto(), otherKey).Open(Address, Sealed(seal), 0, Body));
        Assert.False(new SecretSeal(new HostCrypto(), null).Open(Address, Sealed(seal), 0, Body));
    }

    [Fact]
    public void Without_a_device_key_the_body_is_clear_and_a_card_with_one_refuses_it()
    {
        byte[] record = Sealed(new SecretSeal(new HostCrypto(), null));
        Assert.Equal(SecretSeal.Clear, record[0]);
        Assert.Equal(Secret, record[SecretSeal.HeaderLength..(SecretSeal.HeaderLength + Body)]);
        Assert.True(new SecretSeal(new HostCrypto(), null).Open(Address, (byte[])record.Clone(), 0, Body));
        Assert.False(new SecretSeal(new HostCrypto(), DeviceKey).Open(Address, record, 0, Body));
    }

    [Fact]
    public void An_empty_record_does_not_open()
    {
        Assert.False(new SecretSeal(new HostCrypto(), DeviceKey).Open(Address, new byte[Body + SecretSeal.Overhead], 0, Body));
        Assert.False(new SecretSeal(new HostCrypto(), null).Open(0, new byte[Body + SecretSeal.Overhead], 0, Body));
    }

    [Fact]
    public void A_pin_verifier_depends_on_salt_value_and_device_key()
    {
        byte[] salt = new byte[SecretSeal.SaltLength];
        byte[] pin = "1234"u8.ToArray();
        byte[] Verifier(byte[]? key, byte[] s, byte[] value)
        {
            byte[] v = new byte[SecretSeal.VerifierLength];
            new SecretSeal(new HostCrypto(), key).PinVerifier(s, 0, value, 0, (short)value.Length, v, 0);
            return v;
        }
        byte[] reference = Verifier(DeviceKey, salt, pin);
        Assert.Equal(reference, Verifier(DeviceKey, salt, pin));
        Assert.NotEqual(reference, Verifier(DeviceKey, salt, "1235"u8.ToArray()));
        Assert.NotEqual(reference, Verifier(DeviceKey, [1, .. salt[1..]], pin));
        Assert.NotEqual(reference, Verifier(null, salt, pin));
        Assert.Equal(-1, reference.AsSpan().IndexOf(pin));
    }
}
