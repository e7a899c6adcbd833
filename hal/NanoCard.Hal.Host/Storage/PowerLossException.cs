namespace NanoCard.Hal.Host.Storage;

/// <summary>Thrown by a <see cref="SimulatedNvm"/> once its simulated power has been cut: the card stops where it stood.</summary>
public sealed class PowerLossException() : Exception("simulated power loss");
