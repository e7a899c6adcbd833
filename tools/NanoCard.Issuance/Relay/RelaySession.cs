using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace NanoCard.Issuance;

/// <summary>
/// One step a relay gets from a <see cref="RelaySession"/>: a command APDU to send to the card and
/// answer, or the end: the conversation's report (<see cref="Done"/>), a refusal, or a failure.
/// </summary>
public sealed record RelayStep(byte[]? Command, IReadOnlyList<string>? Done = null, string? Refused = null, string? Failed = null);

/// <summary>
/// A conversation with a card that the issuer runs (<see cref="Gen2Renewer"/> through a
/// <see cref="CardClient"/> on this channel) while the card is somewhere else, behind a relay that
/// only forwards APDUs (docs/apdu-spec.md §13.4, "Renewal through a relay"). The conversation runs
/// on a thread of its own; each <see cref="ICardChannel.Transmit"/> hands the command to the relay
/// and waits for the card's response. A relay that does not answer within the timeout ends the
/// conversation (the card, left mid-session, keeps what it had: the SCP03 session and any renewal
/// end at the next SELECT or reset). Nothing here knows HTTP: the issuer service carries the steps.
/// </summary>
public sealed class RelaySession : ICardChannel
{
    private readonly BlockingCollection<RelayStep> toRelay = new(1);
    private readonly BlockingCollection<ResponseApdu> fromRelay = new(1);
    private readonly TimeSpan timeout;
    private int awaitingResponse;

    private RelaySession(TimeSpan timeout) => this.timeout = timeout;

    /// <summary>A random name the relay uses for the session: nobody else can guess it and step in.</summary>
    public string Id { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// Starts <paramref name="work"/> over the relay. Its report ends the session as
    /// <see cref="RelayStep.Done"/>; a <see cref="RenewalRefusedException"/> as
    /// <see cref="RelayStep.Refused"/>; any other exception as <see cref="RelayStep.Failed"/>.
    /// <paramref name="ended"/> runs when the work is over, whatever the relay does.
    /// </summary>
    public static RelaySession Start(Func<ICardChannel, IReadOnlyList<string>> work, TimeSpan timeout, Action<RelaySession> ended)
    {
        var session = new RelaySession(timeout);
        _ = Task.Factory.StartNew(() =>
        {
            RelayStep last;
            try
            {
                last = new RelayStep(null, Done: work(session));
            }
            catch (RenewalRefusedException e)
            {
                last = new RelayStep(null, Refused: e.Message);
            }
            catch (Exception e)
            {
                last = new RelayStep(null, Failed: e.Message);
            }
            ended(session);
            session.toRelay.TryAdd(last);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return session;
    }

    /// <summary>The first step, for the relay that started the session.</summary>
    public RelayStep First() => Next();

    /// <summary>The card's response to the last command; then the next step. Null when no command is waiting for one.</summary>
    public RelayStep? Answer(ResponseApdu response)
    {
        if (Interlocked.Exchange(ref awaitingResponse, 0) != 1)
        {
            return null;
        }
        fromRelay.Add(response);
        return Next();
    }

    /// <summary>The work's side: hands <paramref name="command"/> to the relay and waits for the card's response.</summary>
    public ResponseApdu Transmit(byte[] command)
    {
        Volatile.Write(ref awaitingResponse, 1);
        toRelay.Add(new RelayStep(command));
        if (!fromRelay.TryTake(out ResponseApdu? response, timeout))
        {
            Interlocked.Exchange(ref awaitingResponse, 0);
            throw new TimeoutException($"the relay did not answer within {timeout.TotalSeconds:0} s; the card keeps its old keys");
        }
        return response;
    }

    private RelayStep Next()
    {
        // The work answers each response at once (a command or the end); the wait covers key generation on a slow card.
        return toRelay.TryTake(out RelayStep? step, timeout + timeout)
            ? step
            : new RelayStep(null, Failed: "the issuer did not go on in time");
    }
}
