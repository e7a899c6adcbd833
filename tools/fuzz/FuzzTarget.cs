using System.Buffers.Binary;
using System.Text;
using NanoCard.Applets;
using NanoCard.Applets.CardManager;
using NanoCard.Applets.CommonCard;
using NanoCard.Applets.Jpki;
using NanoCard.Hal.Host.Crypto;
using NanoCard.Hal.Host.Storage;
using NanoCard.Issuance;
using NanoCard.Os.Runtime;
using NanoCard.Os.Store;

namespace NanoCard.Fuzz;

/// <summary>A broken oracle: the harness throws it so AFL++ records a crash.</summary>
public sealed class OracleViolation(string message) : Exception(message);

/// <summary>
/// Runs one fuzz input on an issued card (gen1 or gen2, made once, kept or restored:
/// <see cref="KeptCard"/>) and checks the oracles of docs/reliability.md, "Fuzzing": no exception
/// escapes the dispatcher; every response ends in a documented status word and never in 6F00; no
/// response carries the signing password, the PUK or 16 consecutive bytes of any private key;
/// afterwards the card answers the token info, and if the input wrote to the memory, the card and
/// the card after a power cycle answer the whole known good session (token info, a no-PIN
/// INTERNAL AUTHENTICATE). An input that wrote nothing leaves the memory as issued, and the issued
/// card passed the whole session at the start.
/// </summary>
public sealed class FuzzTarget
{
    private readonly byte[] gen1Image;
    private readonly byte[] gen2Image;
    private readonly KeptCard gen1Card;
    private readonly KeptCard gen2Card;
    private readonly Persona gen1Persona;
    private readonly Persona gen2Persona;
    private readonly HashSet<ushort> documented;
    private readonly List<byte[]> secrets = [];
    private readonly byte[] response = new byte[65538];

    /// <summary>The fuzzed cards' device key (fixed, so the images and their sealed keys are the same in every run).</summary>
    private static readonly byte[] DeviceKey = Convert.FromHexString("0F0E0D0C0B0A09080706050403020100F0E0D0C0B0A090807060504030201000");

    /// <summary>The personas the images are issued for (fixed seeds and date, so every run has the same secrets).</summary>
    public static readonly Persona Gen1Persona = PersonaGenerator.Create(101, "gen1", new DateOnly(2026, 11, 26));
    public static readonly Persona Gen2Persona = PersonaGenerator.Create(102, "gen2", new DateOnly(2026, 11, 26));

    /// <summary>
    /// A target over images issued before. Nothing of the card's own (instrumented) code runs here:
    /// under AFL++ the coverage map exists only inside SharpFuzz's run loop, so the key material is
    /// read from the images at the first <see cref="Execute"/>. With <paramref name="keepCards"/> false
    /// every input runs on a newly built card and gets the whole session and power cycle (the
    /// harness before it kept cards; <c>--bench</c> measures against it).
    /// </summary>
    public FuzzTarget(string apduSpecPath, byte[] gen1Image, byte[] gen2Image, bool keepCards = true)
    {
        documented = DocumentedStatusWords(File.ReadAllText(apduSpecPath));
        this.gen1Image = gen1Image;
        this.gen2Image = gen2Image;
        this.keepCards = keepCards;
        gen1Card = new KeptCard(gen1Image, DeviceKey, keepCards);
        gen2Card = new KeptCard(gen2Image, DeviceKey, keepCards);
        gen1Persona = Gen1Persona;
        gen2Persona = Gen2Persona;
        foreach (Persona p in new[] { gen1Persona, gen2Persona })
        {
            secrets.Add(Encoding.ASCII.GetBytes(p.SignPassword));
            secrets.Add(Encoding.ASCII.GetBytes(p.Puk));
        }
    }

    /// <summary>Issues the two cards (a few seconds: the cards generate RSA keys) and returns their images.</summary>
    public static (byte[] Gen1, byte[] Gen2) IssueImages()
    {
        string caDirectory = Directory.CreateTempSubdirectory("nanocard-fuzz-ca-").FullName;
        try
        {
            TestCa ca = TestCa.OpenOrCreate(caDirectory, DateTimeOffset.UtcNow);
            return (Issue(MynaCard.Gen1, client => new Gen1Issuer(client, ca, TimeProvider.System).Issue(Gen1Persona)),
                Issue(MynaCard.Gen2, client => new Gen2Issuer(client, ca, new CaArchive(caDirectory, ca), TimeProvider.System).Issue(Gen2Persona)));
        }
        finally
        {
            Directory.Delete(caDirectory, recursive: true);
        }
    }

    private readonly bool keepCards;
    private readonly List<ushort> statusWords = [];
    private bool keysRead;

    /// <summary>The status words the card answered to the last input's commands, in order.</summary>
    public IReadOnlyList<ushort> StatusWords => statusWords;

    /// <summary>Whether the last input wrote to the card's memory (and so had the power cycle and the restore).</summary>
    public bool LastInputWrote { get; private set; }

    /// <summary>Executions so far (for the campaign's figures).</summary>
    public long Executions { get; private set; }

    public void Execute(ReadOnlySpan<byte> input)
    {
        if (!keysRead)
        {
            AddKeyMaterial(gen1Image);
            AddKeyMaterial(gen2Image);
            KnownGoodSession(gen1Card.Ready().Runtime, "as issued");
            KnownGoodSession(gen2Card.Ready().Runtime, "as issued");
            keysRead = true;
        }
        Executions++;
        statusWords.Clear();
        KeptCard kept = FuzzInput.IsGen2(input) ? gen2Card : gen1Card;
        SimulatedCard card = kept.Ready();
        Scp03Session? session = null;
        bool issuer = false;
        foreach (byte[] command in FuzzInput.Commands(input))
        {
            if (command[0] == FuzzInput.Steer)
            {
                session = Steer(card.Runtime, command);
                issuer |= session is not null && card.Runtime.SelectedApplet is CardManagerApplet;
                continue;
            }
            byte[] sent = command;
            if (session is not null)
            {
                try
                {
                    sent = session.Wrap(command);
                }
                catch (ArgumentException)
                {
                    // Not a short command the host could wrap: it goes plain (and ends the card's session).
                }
            }
            Check(sent, Transmit(card.Runtime, sent));
        }
        LastInputWrote = kept.Written;
        if (issuer && card.Store.LifeCycle != LifeCycle.Secured)
        {
            IssuerEndedCard(kept, card);
            return;
        }
        if (!keepCards)
        {
            KnownGoodSession(card.Runtime, "after the input");
        }
        else
        {
            TokenInfo(card.Runtime, "after the input");
            if (!kept.Written)
            {
                return;
            }
        }
        kept.Memory.PowerUp();
        SimulatedCard rebooted = kept.PowerUp(kept.Memory);
        if (!rebooted.Store.IsHealthy)
        {
            throw new OracleViolation($"the store failed its power-up checks (health {rebooted.Store.Health:X2})");
        }
        KnownGoodSession(rebooted.Runtime, "after a power cycle");
        if (keepCards)
        {
            kept.Restore();
        }
    }

    /// <summary>
    /// The issuer's session may terminate the card or reset it to blank (SET STATUS 80 F0 80 FF or 01,
    /// docs/apdu-spec.md §11): then the card, before and after a power cycle, must be in that state,
    /// with a healthy store, and a terminated card's APs refuse selection.
    /// </summary>
    private void IssuerEndedCard(KeptCard kept, SimulatedCard card)
    {
        byte state = card.Store.LifeCycle;
        if (state != LifeCycle.Terminated && state != LifeCycle.OpReady)
        {
            throw new OracleViolation($"the issuer's session left life cycle {state:X2}");
        }
        kept.Memory.PowerUp();
        SimulatedCard rebooted = kept.PowerUp(kept.Memory);
        if (!rebooted.Store.IsHealthy || rebooted.Store.LifeCycle != state)
        {
            throw new OracleViolation($"after a power cycle: health {rebooted.Store.Health:X2}, life cycle {rebooted.Store.LifeCycle:X2}, was {state:X2}");
        }
        if (state == LifeCycle.Terminated)
        {
            rebooted.Runtime.Reset();
            Expect(rebooted.Runtime, Apdus.SelectAid(JpkiAp.Aid), 0x6999, "on the terminated card");
        }
        kept.Restore();
    }

    /// <summary>An SCP03 session on the selected applet (<see cref="FuzzInput"/>'s FF 53 record), or none (FF 45, or keys the card refuses).</summary>
    private static Scp03Session? Steer(CardRuntime runtime, byte[] record)
    {
        if (record.Length != 3 + 1 + 48 || record[1] != FuzzInput.OpenSession || !Os.SecureChannel.SecurityLevel.IsValidRequest(record[2]))
        {
            return null;
        }
        var keys = new Scp03Keys(record[3], record[4..20], record[20..36], record[36..52]);
        try
        {
            return Scp03Session.Open(new RuntimeChannel(runtime), keys, record[2]);
        }
        catch (Exception e) when (e is CardException or System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    private ReadOnlySpan<byte> Transmit(CardRuntime runtime, byte[] command)
    {
        int n = runtime.Transmit(command, command.Length, response);
        return response.AsSpan(0, n);
    }

    private void Check(byte[] command, ReadOnlySpan<byte> reply)
    {
        if (reply.Length < 2)
        {
            throw new OracleViolation($"{Convert.ToHexString(command)}: a {reply.Length}-byte response");
        }
        ushort sw = BinaryPrimitives.ReadUInt16BigEndian(reply[^2..]);
        statusWords.Add(sw);
        if (sw == 0x6F00 || !documented.Contains(Family(sw)))
        {
            throw new OracleViolation($"{Convert.ToHexString(command)}: status word {sw:X4}");
        }
        foreach (byte[] secret in secrets)
        {
            if (reply.IndexOf(secret) >= 0)
            {
                throw new OracleViolation($"{Convert.ToHexString(command)}: a secret left the card");
            }
        }
    }

    private void KnownGoodSession(CardRuntime runtime, string when)
    {
        TokenInfo(runtime, when);
        Expect(runtime, Apdus.SelectAid(CommonAp.Aid), 0x9000, when);
        if (Expect(runtime, Apdus.InternalAuthenticate(0x99, [1, 2, 3, 4]), 0x9000, when).Length != 258)
        {
            throw new OracleViolation($"{when}: INTERNAL AUTHENTICATE did not sign");
        }
    }

    /// <summary>After a warm reset: SELECT of the JPKI AP and its token info, READ BINARY, the token as issued.</summary>
    private void TokenInfo(CardRuntime runtime, string when)
    {
        runtime.Reset();
        Expect(runtime, Apdus.SelectAid(JpkiAp.Aid), 0x9000, when);
        Expect(runtime, Apdus.SelectEf(JpkiAp.TokenInfo), 0x9000, when);
        ReadOnlySpan<byte> token = Expect(runtime, Apdus.ReadBinary(0, 15), 0x9000, when);
        if (!token[..15].SequenceEqual("JPKIAPICCTOKEN2"u8))
        {
            throw new OracleViolation($"{when}: the token info changed");
        }
    }

    private ReadOnlySpan<byte> Expect(CardRuntime runtime, byte[] command, ushort sw, string when)
    {
        ReadOnlySpan<byte> reply = Transmit(runtime, command);
        ushort got = BinaryPrimitives.ReadUInt16BigEndian(reply[^2..]);
        if (got != sw)
        {
            throw new OracleViolation($"{when}: {Convert.ToHexString(command)} answered {got:X4}, not {sw:X4}");
        }
        return reply;
    }

    private static byte[] Issue(byte profile, Action<CardClient> issue)
    {
        var nvm = new RamNvm(StoreLayout.DefaultSize, StoreLayout.DefaultPageSize);
        issue(new SimulatedCard(nvm, new HostCrypto(), CardConfig.Desktop(), profile, DeviceKey).Client);
        return nvm.Snapshot();
    }

    /// <summary>16-byte windows of every private key's secret part (RSA p, q, dP, dQ, qInv; EC d), read from the image.</summary>
    private void AddKeyMaterial(byte[] image) => secrets.AddRange(KeyMaterial.Windows(KeyMaterial.SecretParts(image, DeviceKey)));

    /// <summary>61xx, 63Cx and 6Cxx stand for their families in the table.</summary>
    private static ushort Family(ushort sw) => (sw >> 8) switch
    {
        0x61 or 0x6C => (ushort)(sw & 0xFF00),
        0x63 when (sw & 0xF0) == 0xC0 => 0x63C0,
        _ => sw,
    };

    /// <summary>The status words of apdu-spec §7's table.</summary>
    private static HashSet<ushort> DocumentedStatusWords(string spec)
    {
        var words = new HashSet<ushort>();
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(spec, @"^\| `([0-9A-F]{2}(?:[0-9A-F]{2}|xx|Cx))` \| `\w+` \|", System.Text.RegularExpressions.RegexOptions.Multiline))
        {
            words.Add(Convert.ToUInt16(m.Groups[1].Value.Replace("xx", "00", StringComparison.Ordinal).Replace("Cx", "C0", StringComparison.Ordinal), 16));
        }
        return words;
    }
}
