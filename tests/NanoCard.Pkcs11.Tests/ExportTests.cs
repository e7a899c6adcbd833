using System.Reflection;
using System.Runtime.InteropServices;
using NanoCard.Pkcs11.Native;

namespace NanoCard.Pkcs11.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ExportCollection
{
    public const string Name = "the module's exported functions (one process-wide instance)";
}

/// <summary>
/// The C interface, called through the CK_FUNCTION_LIST that C_GetFunctionList hands out, as a C
/// application calls it: null pointers, short buffers and wrong handles get their CKR codes,
/// random calls never throw and always answer a code the module defines.
/// </summary>
[Collection(ExportCollection.Name)]
public sealed unsafe class ExportTests : IClassFixture<IssuedCards>, IDisposable
{
    private readonly nint* functions;
    private readonly InProcessReaders readers = new("Reader A", "Reader B");
    private readonly IssuedCards cards;

    public ExportTests(IssuedCards cards)
    {
        this.cards = cards;
        Exports.ReaderSource = () => readers;
        nint list;
        var getFunctionList = (delegate* unmanaged[Cdecl]<nint*, ulong>)(nint)(delegate* unmanaged[Cdecl]<nint*, ulong>)&Exports.C_GetFunctionList;
        Assert.Equal(Ckr.Ok, getFunctionList(&list));
        Assert.Equal(Ckr.ArgumentsBad, getFunctionList(null));
        Assert.Equal([2, 40], new ReadOnlySpan<byte>((void*)list, 2).ToArray());
        functions = (nint*)(list + 8);
    }

    public void Dispose()
    {
        if (Exports.Module.IsInitialized)
        {
            Exports.Module.Shutdown();
        }
    }

    [Fact]
    public void C_Initialize_checks_its_arguments_and_the_locking_it_is_offered()
    {
        var initialize = (delegate* unmanaged[Cdecl]<CkInitializeArgs*, ulong>)functions[0];
        var finalize = (delegate* unmanaged[Cdecl]<void*, ulong>)functions[1];
        var getInfo = (delegate* unmanaged[Cdecl]<CkInfo*, ulong>)functions[2];
        CkInfo info;
        Assert.Equal(Ckr.CryptokiNotInitialized, getInfo(&info));
        int dummy;
        var args = new CkInitializeArgs { Reserved = &dummy };
        Assert.Equal(Ckr.ArgumentsBad, initialize(&args));
        args = new CkInitializeArgs { CreateMutex = &dummy };
        Assert.Equal(Ckr.ArgumentsBad, initialize(&args));
        args = new CkInitializeArgs { CreateMutex = &dummy, DestroyMutex = &dummy, LockMutex = &dummy, UnlockMutex = &dummy };
        Assert.Equal(Ckr.CantLock, initialize(&args));
        args.Flags = Ckf.OsLockingOk;
        Assert.Equal(Ckr.Ok, initialize(&args));
        Assert.Equal(Ckr.CryptokiAlreadyInitialized, initialize(null));
        Assert.Equal(Ckr.Ok, getInfo(&info));
        Assert.Equal(new byte[] { 2, 40 }, new[] { info.CryptokiVersion.Major, info.CryptokiVersion.Minor });
        Assert.Equal("NanoCard PKCS#11 module".PadRight(32), Marshal.PtrToStringUTF8((nint)info.LibraryDescription, 32));
        Assert.Equal(Ckr.ArgumentsBad, getInfo(null));
        Assert.Equal(Ckr.ArgumentsBad, finalize(&dummy));
        Assert.Equal(Ckr.Ok, finalize(null));
        Assert.Equal(Ckr.CryptokiNotInitialized, finalize(null));
    }

    [Fact]
    public void Lists_and_structures_follow_the_C_conventions()
    {
        readers.Insert("Reader A", cards.Gen2.Image);
        Initialize();
        var getSlotList = (delegate* unmanaged[Cdecl]<byte, ulong*, ulong*, ulong>)functions[4];
        var getTokenInfo = (delegate* unmanaged[Cdecl]<ulong, CkTokenInfo*, ulong>)functions[6];
        var getMechanismList = (delegate* unmanaged[Cdecl]<ulong, ulong*, ulong*, ulong>)functions[7];
        ulong count = 0;
        Assert.Equal(Ckr.ArgumentsBad, getSlotList(1, null, null));
        Assert.Equal(Ckr.Ok, getSlotList(1, null, &count));
        Assert.Equal(2UL, count);
        ulong* slots = stackalloc ulong[4];
        count = 1;
        Assert.Equal(Ckr.BufferTooSmall, getSlotList(0, slots, &count));
        Assert.Equal(4UL, count);
        Assert.Equal(Ckr.Ok, getSlotList(0, slots, &count));
        Assert.Equal(new ulong[] { 0, 1, 2, 3 }, new Span<ulong>(slots, 4).ToArray());

        CkTokenInfo token;
        Assert.Equal(Ckr.SlotIdInvalid, getTokenInfo(9, &token));
        Assert.Equal(Ckr.TokenNotPresent, getTokenInfo(2, &token));
        Assert.Equal(Ckr.ArgumentsBad, getTokenInfo(0, null));
        Assert.Equal(Ckr.Ok, getTokenInfo(0, &token));
        Assert.Equal("NanoCard card PIN".PadRight(32), Marshal.PtrToStringUTF8((nint)token.Label, 32));
        Assert.Equal(cards.Gen2.Persona.Serial.PadRight(16), Marshal.PtrToStringUTF8((nint)token.SerialNumber, 16));
        Assert.Equal(ulong.MaxValue, token.FreePrivateMemory);

        count = 0;
        Assert.Equal(Ckr.Ok, getMechanismList(0, null, &count));
        Assert.Equal(10UL, count);
    }

    [Fact]
    public void Attributes_sessions_and_signatures_answer_bad_arguments_with_their_codes()
    {
        readers.Insert("Reader A", cards.Gen2.Image);
        Initialize();
        var openSession = (delegate* unmanaged[Cdecl]<ulong, ulong, void*, void*, ulong*, ulong>)functions[12];
        var login = (delegate* unmanaged[Cdecl]<ulong, ulong, byte*, ulong, ulong>)functions[18];
        var getAttributeValue = (delegate* unmanaged[Cdecl]<ulong, ulong, CkAttribute*, ulong, ulong>)functions[24];
        var findInit = (delegate* unmanaged[Cdecl]<ulong, CkAttribute*, ulong, ulong>)functions[26];
        var find = (delegate* unmanaged[Cdecl]<ulong, ulong*, ulong, ulong*, ulong>)functions[27];
        var findFinal = (delegate* unmanaged[Cdecl]<ulong, ulong>)functions[28];
        var signInit = (delegate* unmanaged[Cdecl]<ulong, CkMechanism*, ulong, ulong>)functions[42];
        var sign = (delegate* unmanaged[Cdecl]<ulong, byte*, ulong, byte*, ulong*, ulong>)functions[43];

        ulong session;
        Assert.Equal(Ckr.ArgumentsBad, openSession(0, Ckf.SerialSession, null, null, null));
        Assert.Equal(Ckr.Ok, openSession(0, Ckf.SerialSession, null, null, &session));
        Assert.Equal(Ckr.SessionHandleInvalid, login(session + 100, Cku.User, null, 4));
        Assert.Equal(Ckr.ArgumentsBad, login(session, Cku.User, null, 4));
        fixed (byte* pin = cards.Gen2.Pin)
        {
            Assert.Equal(Ckr.Ok, login(session, Cku.User, pin, (ulong)cards.Gen2.Pin.Length));
        }

        Assert.Equal(Ckr.ArgumentsBad, findInit(session, null, 1));
        ulong keyClass = Cko.PrivateKey;
        byte id = 0x03;
        CkAttribute* template = stackalloc CkAttribute[2];
        template[0] = new CkAttribute { Type = Cka.Class, Value = &keyClass, ValueLen = 8 };
        template[1] = new CkAttribute { Type = Cka.Id, Value = &id, ValueLen = 1 };
        Assert.Equal(Ckr.Ok, findInit(session, template, 2));
        ulong key, found;
        Assert.Equal(Ckr.ArgumentsBad, find(session, null, 1, &found));
        Assert.Equal(Ckr.Ok, find(session, &key, 1, &found));
        Assert.Equal(1UL, found);
        Assert.Equal(Ckr.Ok, findFinal(session));

        CkAttribute* attributes = stackalloc CkAttribute[4];
        attributes[0] = new CkAttribute { Type = Cka.EcPoint };
        attributes[1] = new CkAttribute { Type = 0x7777 };
        attributes[2] = new CkAttribute { Type = Cka.Value };
        attributes[3] = new CkAttribute { Type = Cka.KeyType };
        Assert.Equal(Ckr.ObjectHandleInvalid, getAttributeValue(session, 424242, attributes, 4));
        Assert.Equal(Ckr.AttributeTypeInvalid, getAttributeValue(session, key, attributes, 4));
        Assert.Equal(67UL, attributes[0].ValueLen);
        Assert.Equal(ulong.MaxValue, attributes[1].ValueLen);
        Assert.Equal(ulong.MaxValue, attributes[2].ValueLen);
        Assert.Equal(8UL, attributes[3].ValueLen);
        byte* small = stackalloc byte[10];
        attributes[0] = new CkAttribute { Type = Cka.EcPoint, Value = small, ValueLen = 10 };
        Assert.Equal(Ckr.BufferTooSmall, getAttributeValue(session, key, attributes, 1));
        Assert.Equal(ulong.MaxValue, attributes[0].ValueLen);

        var mechanism = new CkMechanism { Mechanism = Ckm.EcdsaSha256 };
        Assert.Equal(Ckr.ArgumentsBad, signInit(session, null, key));
        var withParameter = new CkMechanism { Mechanism = Ckm.EcdsaSha256, Parameter = &id, ParameterLen = 1 };
        Assert.Equal(Ckr.MechanismParamInvalid, signInit(session, &withParameter, key));
        Assert.Equal(Ckr.KeyHandleInvalid, signInit(session, &mechanism, 424242));
        Assert.Equal(Ckr.Ok, signInit(session, &mechanism, key));
        byte* data = stackalloc byte[5];
        byte* signature = stackalloc byte[64];
        ulong length = 0;
        Assert.Equal(Ckr.Ok, sign(session, data, 5, null, &length));
        Assert.Equal(64UL, length);
        length = 63;
        Assert.Equal(Ckr.BufferTooSmall, sign(session, data, 5, signature, &length));
        Assert.Equal(Ckr.Ok, sign(session, data, 5, signature, &length));
        Assert.Equal(Ckr.OperationNotInitialized, sign(session, data, 5, signature, &length));
        Assert.Equal(Ckr.Ok, signInit(session, &mechanism, key));
        Assert.Equal(Ckr.ArgumentsBad, sign(session, data, 5, signature, null));
        Assert.Equal(Ckr.OperationNotInitialized, sign(session, data, 5, signature, &length));
        Assert.Equal(Ckr.Ok, signInit(session, &mechanism, key));
        Assert.Equal(Ckr.ArgumentsBad, sign(session, null, 5, signature, &length));
        Assert.Equal(Ckr.OperationNotInitialized, sign(session, data, 5, signature, &length));
    }

    [Fact]
    public void Functions_the_module_does_not_offer_say_so()
    {
        Initialize();
        var initToken = (delegate* unmanaged[Cdecl]<ulong, byte*, ulong, byte*, ulong>)functions[9];
        var createObject = (delegate* unmanaged[Cdecl]<ulong, CkAttribute*, ulong, ulong*, ulong>)functions[20];
        var encryptInit = (delegate* unmanaged[Cdecl]<ulong, CkMechanism*, ulong, ulong>)functions[29];
        var getFunctionStatus = (delegate* unmanaged[Cdecl]<ulong, ulong>)functions[65];
        Assert.Equal(Ckr.FunctionNotSupported, initToken(0, null, 0, null));
        Assert.Equal(Ckr.FunctionNotSupported, createObject(1, null, 0, null));
        Assert.Equal(Ckr.FunctionNotSupported, encryptInit(1, null, 0));
        Assert.Equal(Ckr.FunctionNotParallel, getFunctionStatus(1));
    }

    /// <summary>
    /// Random calls to every function the module offers, with random handles and slot IDs, null
    /// or small buffers and random lengths, with a gen1 and a gen2 card present: every answer is one
    /// of the module's CKR codes and nothing throws (an exception would end the test process).
    /// </summary>
    [Fact]
    public void Random_calls_get_defined_codes()
    {
        readers.Insert("Reader A", cards.Gen1.Image);
        readers.Insert("Reader B", cards.Gen2.Image);
        Initialize();
        var defined = typeof(Ckr).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (ulong)f.GetValue(null)!).ToHashSet();
        var random = new Random(23);
        byte* buffer = stackalloc byte[512];
        ulong* numbers = stackalloc ulong[16];
        int[] offered = [2, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15, 18, 19, 24, 26, 27, 28, 42, 43, 44, 45, 63, 64];
        for (int i = 0; i < 3000; i++)
        {
            int index = offered[random.Next(offered.Length)];
            ulong handle = (ulong)random.Next(0, 40);
            ulong number = random.Next(4) == 0 ? (ulong)random.NextInt64() : (ulong)random.Next(0, 300);
            random.NextBytes(new Span<byte>(buffer, 512));
            for (int n = 0; n < 16; n++)
            {
                numbers[n] = (ulong)random.Next(0, 64);
            }
            byte* bytes = random.Next(3) == 0 ? null : buffer;
            ulong* list = random.Next(3) == 0 ? null : numbers;
            ulong length = (ulong)random.Next(0, 64);
            ulong rv = index switch
            {
                2 => ((delegate* unmanaged[Cdecl]<byte*, ulong>)functions[2])(bytes),
                4 or 7 => ((delegate* unmanaged[Cdecl]<ulong, ulong*, ulong*, ulong>)functions[index])(handle, list, list),
                5 or 6 or 15 => ((delegate* unmanaged[Cdecl]<ulong, byte*, ulong>)functions[index])(handle, bytes),
                8 => ((delegate* unmanaged[Cdecl]<ulong, ulong, byte*, ulong>)functions[8])(handle, number, bytes),
                10 or 44 or 63 or 64 => ((delegate* unmanaged[Cdecl]<ulong, byte*, ulong, ulong>)functions[index])(handle, bytes, length),
                11 => ((delegate* unmanaged[Cdecl]<ulong, byte*, ulong, byte*, ulong, ulong>)functions[11])(handle, bytes, length, bytes, length),
                12 => ((delegate* unmanaged[Cdecl]<ulong, ulong, void*, void*, ulong*, ulong>)functions[12])(handle % 6, number, null, null, list),
                13 or 14 or 19 or 28 => ((delegate* unmanaged[Cdecl]<ulong, ulong>)functions[index])(handle),
                18 => ((delegate* unmanaged[Cdecl]<ulong, ulong, byte*, ulong, ulong>)functions[18])(handle, number % 3, bytes, length),
                24 => ((delegate* unmanaged[Cdecl]<ulong, ulong, CkAttribute*, ulong, ulong>)functions[24])(handle, number, Attributes(random, buffer, numbers), length % 4),
                26 => ((delegate* unmanaged[Cdecl]<ulong, CkAttribute*, ulong, ulong>)functions[26])(handle, Attributes(random, buffer, numbers), length % 4),
                27 => ((delegate* unmanaged[Cdecl]<ulong, ulong*, ulong, ulong*, ulong>)functions[27])(handle, list, length % 16, list),
                42 => SignInit(handle, number, random),
                43 => ((delegate* unmanaged[Cdecl]<ulong, byte*, ulong, byte*, ulong*, ulong>)functions[43])(handle, bytes, length, bytes, list),
                _ => ((delegate* unmanaged[Cdecl]<ulong, byte*, ulong*, ulong>)functions[45])(handle, bytes, list),
            };
            Assert.True(defined.Contains(rv), $"call {i} to function {index} answered 0x{rv:X}");
        }
    }

    private ulong SignInit(ulong session, ulong key, Random random)
    {
        var mechanism = new CkMechanism { Mechanism = Mechanisms[random.Next(Mechanisms.Length)] };
        return ((delegate* unmanaged[Cdecl]<ulong, CkMechanism*, ulong, ulong>)functions[42])(session, &mechanism, key);
    }

    private static readonly ulong[] Mechanisms = [Ckm.RsaPkcs, Ckm.Sha256RsaPkcs, Ckm.Ecdsa, Ckm.EcdsaSha256, Ckm.EcdsaSha384, 0x9999];

    /// <summary>Attribute templates into a scratch area: real or random types, null or short value buffers.</summary>
    private static CkAttribute* Attributes(Random random, byte* buffer, ulong* numbers)
    {
        if (random.Next(4) == 0)
        {
            return null;
        }
        var template = (CkAttribute*)numbers;
        ulong[] types = [Cka.Class, Cka.Id, Cka.Label, Cka.Value, Cka.EcPoint, Cka.Modulus, 0xDEAD];
        for (int n = 0; n < 4; n++)
        {
            template[n] = new CkAttribute
            {
                Type = types[random.Next(types.Length)],
                Value = random.Next(2) == 0 ? null : buffer + (n * 64),
                ValueLen = (ulong)random.Next(0, 64),
            };
        }
        return template;
    }

    private void Initialize() => Assert.Equal(Ckr.Ok, ((delegate* unmanaged[Cdecl]<CkInitializeArgs*, ulong>)functions[0])(null));
}
