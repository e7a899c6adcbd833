namespace NanoCard.Pkcs11.Native;

/// <summary>
/// The PKCS#11 v2.40 constants this module uses (PKCS#11 Cryptographic Token Interface Base
/// Specification v2.40, §3 and the pkcs11t.h header it defines). CK_ULONG is 64 bits on
/// Linux x86-64 and arm64, the platforms the module is built for.
/// </summary>
internal static class Ckr
{
    public const ulong Ok = 0x000;
    public const ulong HostMemory = 0x002;
    public const ulong SlotIdInvalid = 0x003;
    public const ulong GeneralError = 0x005;
    public const ulong FunctionFailed = 0x006;
    public const ulong ArgumentsBad = 0x007;
    public const ulong NoEvent = 0x008;
    public const ulong CantLock = 0x00A;
    public const ulong AttributeSensitive = 0x011;
    public const ulong AttributeTypeInvalid = 0x012;
    public const ulong DataLenRange = 0x021;
    public const ulong DeviceError = 0x030;
    public const ulong DeviceRemoved = 0x032;
    public const ulong FunctionNotParallel = 0x051;
    public const ulong FunctionNotSupported = 0x054;
    public const ulong KeyHandleInvalid = 0x060;
    public const ulong KeyTypeInconsistent = 0x063;
    public const ulong KeyFunctionNotPermitted = 0x068;
    public const ulong MechanismInvalid = 0x070;
    public const ulong MechanismParamInvalid = 0x071;
    public const ulong ObjectHandleInvalid = 0x082;
    public const ulong OperationActive = 0x090;
    public const ulong OperationNotInitialized = 0x091;
    public const ulong PinIncorrect = 0x0A0;
    public const ulong PinInvalid = 0x0A1;
    public const ulong PinLenRange = 0x0A2;
    public const ulong PinLocked = 0x0A4;
    public const ulong SessionHandleInvalid = 0x0B3;
    public const ulong SessionParallelNotSupported = 0x0B4;
    public const ulong SessionReadOnly = 0x0B5;
    public const ulong SessionReadOnlyExists = 0x0B7;
    public const ulong SessionReadWriteSoExists = 0x0B8;
    public const ulong TokenNotPresent = 0x0E0;
    public const ulong TokenNotRecognized = 0x0E1;
    public const ulong TokenWriteProtected = 0x0E2;
    public const ulong UserAlreadyLoggedIn = 0x100;
    public const ulong UserNotLoggedIn = 0x101;
    public const ulong UserPinNotInitialized = 0x102;
    public const ulong UserTypeInvalid = 0x103;
    public const ulong UserAnotherAlreadyLoggedIn = 0x104;
    public const ulong RandomSeedNotSupported = 0x120;
    public const ulong BufferTooSmall = 0x150;
    public const ulong CryptokiNotInitialized = 0x190;
    public const ulong CryptokiAlreadyInitialized = 0x191;
}

/// <summary>CKF_* flags of slots, tokens, sessions, mechanisms and C_Initialize.</summary>
internal static class Ckf
{
    public const ulong TokenPresent = 0x1;
    public const ulong RemovableDevice = 0x2;
    public const ulong HwSlot = 0x4;

    public const ulong Rng = 0x1;
    public const ulong WriteProtected = 0x2;
    public const ulong LoginRequired = 0x4;
    public const ulong UserPinInitialized = 0x8;
    public const ulong TokenInitialized = 0x400;
    public const ulong UserPinCountLow = 0x10000;
    public const ulong UserPinFinalTry = 0x20000;
    public const ulong UserPinLocked = 0x40000;
    public const ulong SoPinCountLow = 0x100000;
    public const ulong SoPinFinalTry = 0x200000;
    public const ulong SoPinLocked = 0x400000;

    public const ulong RwSession = 0x2;
    public const ulong SerialSession = 0x4;

    public const ulong LibraryCantCreateOsThreads = 0x1;
    public const ulong OsLockingOk = 0x2;

    public const ulong Hw = 0x1;
    public const ulong Sign = 0x800;
    public const ulong Verify = 0x2000;
    public const ulong EcFp = 0x100000;
    public const ulong EcNamedCurve = 0x800000;
    public const ulong EcUncompress = 0x1000000;

    public const ulong DontBlock = 0x1;
}

/// <summary>CKU_* user types, CKS_* session states.</summary>
internal static class Cku
{
    public const ulong So = 0;
    public const ulong User = 1;
    public const ulong ContextSpecific = 2;
}

internal static class Cks
{
    public const ulong RoPublic = 0;
    public const ulong RoUser = 1;
    public const ulong RwPublic = 2;
    public const ulong RwUser = 3;
    public const ulong RwSo = 4;
}

/// <summary>CKO_* object classes, CKK_* key types, CKC_* certificate types.</summary>
internal static class Cko
{
    public const ulong Certificate = 1;
    public const ulong PublicKey = 2;
    public const ulong PrivateKey = 3;
}

internal static class Ckk
{
    public const ulong Rsa = 0;
    public const ulong Ec = 3;
}

internal static class Ckc
{
    public const ulong X509 = 0;
}

/// <summary>CKA_* attribute types.</summary>
internal static class Cka
{
    public const ulong Class = 0x000;
    public const ulong Token = 0x001;
    public const ulong Private = 0x002;
    public const ulong Label = 0x003;
    public const ulong Value = 0x011;
    public const ulong CertificateType = 0x080;
    public const ulong Issuer = 0x081;
    public const ulong SerialNumber = 0x082;
    public const ulong Trusted = 0x086;
    public const ulong CertificateCategory = 0x087;
    public const ulong KeyType = 0x100;
    public const ulong Subject = 0x101;
    public const ulong Id = 0x102;
    public const ulong Sensitive = 0x103;
    public const ulong Encrypt = 0x104;
    public const ulong Decrypt = 0x105;
    public const ulong Wrap = 0x106;
    public const ulong Unwrap = 0x107;
    public const ulong Sign = 0x108;
    public const ulong SignRecover = 0x109;
    public const ulong Verify = 0x10A;
    public const ulong VerifyRecover = 0x10B;
    public const ulong Derive = 0x10C;
    public const ulong Modulus = 0x120;
    public const ulong ModulusBits = 0x121;
    public const ulong PublicExponent = 0x122;
    public const ulong PublicKeyInfo = 0x129;
    public const ulong Extractable = 0x162;
    public const ulong Local = 0x163;
    public const ulong NeverExtractable = 0x164;
    public const ulong AlwaysSensitive = 0x165;
    public const ulong Modifiable = 0x170;
    public const ulong Copyable = 0x171;
    public const ulong Destroyable = 0x172;
    public const ulong EcParams = 0x180;
    public const ulong EcPoint = 0x181;
    public const ulong AlwaysAuthenticate = 0x202;

    /// <summary>NanoCard's vendor attribute: the object's Japanese label, UTF-8 (CKA_VENDOR_DEFINED + "NC").</summary>
    public const ulong NanoCardJapaneseLabel = 0x80000000 | 0x4E43;
}

/// <summary>CKM_* mechanisms the module offers.</summary>
internal static class Ckm
{
    public const ulong RsaPkcs = 0x0001;
    public const ulong Sha1RsaPkcs = 0x0006;
    public const ulong Sha256RsaPkcs = 0x0040;
    public const ulong Sha384RsaPkcs = 0x0041;
    public const ulong Sha512RsaPkcs = 0x0042;
    public const ulong Ecdsa = 0x1041;
    public const ulong EcdsaSha1 = 0x1042;
    public const ulong EcdsaSha256 = 0x1044;
    public const ulong EcdsaSha384 = 0x1045;
    public const ulong EcdsaSha512 = 0x1046;
}
