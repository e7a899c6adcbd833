namespace NanoCard.Flasher.Service;

/// <summary><c>POST /renewal</c>: the holder's signing password, which the service sends to the card only inside its SCP03 session.</summary>
public sealed record RenewalStart(string? SigningPassword);

/// <summary><c>POST /relay/SESSION</c>: the card's response to the last command, data and status word in hex.</summary>
public sealed record RelayAnswer(string? Response);

/// <summary>
/// The service's answer to either: the next command for the card (with the session to answer to),
/// or the end: the report, a refusal (403) or a failure.
/// </summary>
public sealed record RelayReply(string? Session = null, string? Command = null, IReadOnlyList<string>? Done = null, string? Refused = null, string? Failed = null);
