using NanoCard.Flasher.Faults;
using NanoCard.Hal;

namespace NanoCard.Flasher.Lab;

/// <summary>
/// The card behind the fault profile the lab page chose while it runs. A new profile starts its
/// schedule afresh: command numbers count from 1 again, with the profile's seed, exactly as if
/// the tool had been started with <c>--faults NAME --fault-seed N</c> (docs/labs.md).
/// </summary>
public sealed class SwitchableFaults(IApduEndpoint card, FaultProfile? initial, TimeProvider time, Action<FaultEvent>? applied, SlowNvm? eeprom) : IApduEndpoint
{
    private volatile IApduEndpoint current = initial is null ? card : new FaultyEndpoint(card, initial, time, applied, eeprom);

    public FaultProfile? Profile { get; private set; } = initial;

    /// <summary>
    /// Why profiles cannot be switched on this card, or null: a start profile that set the card's
    /// frame size or its memory's speed keeps the card built that way.
    /// </summary>
    public string? Fixed { get; } = initial is { MaxResponse: not null } or { PageWriteMs: > 0 }
        ? $"the card was started with '{initial.Name}', which sets its frame size or memory speed: restart it to change profile"
        : null;

    /// <summary>Applies <paramref name="profile"/> (null: no faults) from the next command on.</summary>
    public void Switch(FaultProfile? profile)
    {
        if (Fixed is string reason)
        {
            throw new UserError(reason);
        }
        if (profile is { MaxResponse: not null } or { PageWriteMs: > 0 })
        {
            throw new UserError($"'{profile.Name}' sets the card's frame size or memory speed: choose it at start with --faults");
        }
        Profile = profile;
        current = profile is null ? card : new FaultyEndpoint(card, profile, time, applied);
    }

    public int Transmit(byte[] command, int length, byte[] response) => current.Transmit(command, length, response);

    public void Reset() => card.Reset();
}
