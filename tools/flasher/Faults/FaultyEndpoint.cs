using NanoCard.Hal;

namespace NanoCard.Flasher.Faults;

/// <summary>
/// The card as the link sees it, with the profile's faults applied on the card side: the delay
/// before each command, then a status word instead of running it, a reply cut to its first half, or
/// the card removed once the command ran (<see cref="CardRemovedException"/>). It also traces what
/// the card did under the profile: replies split by <see cref="FaultProfile.MaxResponse"/>,
/// extended APDUs refused, EEPROM page writes of a <see cref="SlowNvm"/>.
/// </summary>
public sealed class FaultyEndpoint(IApduEndpoint card, FaultProfile profile, TimeProvider time, Action<FaultEvent>? applied, SlowNvm? eeprom = null) : IApduEndpoint
{
    private readonly FaultSchedule schedule = new(profile);

    public int Transmit(byte[] command, int length, byte[] response)
    {
        byte ins = length > 1 ? command[1] : (byte)0;
        FaultDecision decision = schedule.Next(ins);
        long n = decision.Command;
        if (decision.Delay > TimeSpan.Zero)
        {
            Report(n, "delay", $"{decision.Delay.TotalMilliseconds:0} ms before INS {ins:X2}");
            time.Sleep(decision.Delay);
        }
        if (decision.Kind == FaultKind.StatusWord)
        {
            Report(n, "status-word", $"answered {decision.StatusWord:X4} without running the command");
            response[0] = (byte)(decision.StatusWord >> 8);
            response[1] = (byte)decision.StatusWord;
            return 2;
        }
        int replied = card.Transmit(command, length, response);
        TraceCardSide(n, command, length, response, replied);
        switch (decision.Kind)
        {
            case FaultKind.Truncated:
                Report(n, FaultEvent.Truncated, $"the reader gets {replied / 2} of {replied} bytes");
                return replied / 2;
            case FaultKind.CardRemoved:
                Report(n, "card-removed", $"the command ran, its reply is lost; the card is back after {profile.AbsentMs} ms");
                throw new CardRemovedException(TimeSpan.FromMilliseconds(profile.AbsentMs));
            default:
                return replied;
        }
    }

    public void Reset() => card.Reset();

    private void TraceCardSide(long n, byte[] command, int length, byte[] response, int replied)
    {
        if (profile.MaxResponse is int max)
        {
            // Extended length: Lc or Le starts with a 00 byte after the header (ISO/IEC 7816-4 §5.1).
            if (length > 5 && command[4] == 0 && replied == 2 && response[0] == 0x67 && response[1] == 0x00)
            {
                Report(n, "extended-length-refused", "answered 6700");
            }
            else if (replied == max + 2 && response[max] == 0x61)
            {
                Report(n, "max-response", $"{max} data bytes sent with 61{response[max + 1]:X2}, the rest on GET RESPONSE");
            }
        }
        if (eeprom?.TakePageWrites() is int pages and > 0)
        {
            Report(n, "slow-eeprom", $"{pages} page writes, {pages * profile.PageWriteMs} ms");
        }
    }

    private void Report(long n, string kind, string detail) => applied?.Invoke(new FaultEvent(n, kind, detail));
}
