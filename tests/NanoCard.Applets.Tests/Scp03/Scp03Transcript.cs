using NanoCard.Hal.Tests;

namespace NanoCard.Applets.Tests.Scp03;

/// <summary>One recorded SCP03 session of tests/vectors/scp03-sessions.rsp.</summary>
public sealed class Scp03Transcript(RspRecord record)
{
    public static IEnumerable<Scp03Transcript> All() => RspFile.Load("scp03-sessions.rsp").Select(r => new Scp03Transcript(r));

    public static TheoryData<string> Levels => new(All().Select(t => t.Record.Text("Level")));

    public static Scp03Transcript AtLevel(string level) => All().Single(t => t.Record.Text("Level") == level);

    public RspRecord Record { get; } = record;

    public byte Level => Convert.FromHexString(Record.Text("Level"))[0];

    public Issuance.Scp03Keys Keys => new(Record.Hex("KVN")[0], Record.Hex("Enc"), Record.Hex("Mac"), Record.Hex("Dek"));

    public byte[] InitUpdate => Record.Hex("InitUpdate");

    public byte[] HostChallenge => InitUpdate[5..13];

    public byte[] InitUpdateReply => Record.Hex("InitUpdateReply");

    public byte[] CardChallenge => InitUpdateReply[13..21];

    public byte[] CardCryptogram => InitUpdateReply[21..29];

    public byte[] ExtAuth => Record.Hex("ExtAuth");

    public byte[] Plain(int n) => Record.Hex($"Plain{n}");

    public byte[] Wrapped(int n) => Record.Hex($"Wrapped{n}");

    public const int Commands = 5;
}
