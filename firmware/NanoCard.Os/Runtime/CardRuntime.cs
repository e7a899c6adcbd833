using NanoCard.Hal.Crypto;
using NanoCard.Os.SecureChannel;
using NanoCard.Os.Store;

namespace NanoCard.Os.Runtime
{
    /// <summary>
    /// The card: what Java Card calls the runtime environment. A transport hands it one command
    /// frame at a time; it checks the class byte, parses the lengths, handles command chaining,
    /// SELECT by DF name and GET RESPONSE itself, gives everything else to the selected applet,
    /// and writes the response frame. Nothing is allocated after construction and installation.
    /// A store that failed its power-up checks makes it answer 6581 to all but the diagnostic
    /// GET DATA; a transaction an applet leaves open is aborted, as Java Card's runtime does.
    /// </summary>
    public sealed class CardRuntime : NanoCard.Hal.IApduEndpoint
    {
        private readonly CardConfig config;
        private readonly CardStore store;
        private readonly Apdu apdu;
        private readonly AppletRegistry registry;
        private readonly CommandChain chain;
        private readonly ResponseChain reply;
        private readonly CardChallenge challenge;
        private Applet selected;

        /// <param name="store">The store, already powered up (its constructor ran recovery).</param>
        /// <param name="random">Source of GET CHALLENGE's bytes.</param>
        public CardRuntime(CardConfig config, CardStore store, IRandom random)
        {
            challenge = new CardChallenge(random);
            this.config = config;
            this.store = store;
            apdu = new Apdu(config.MaxCommandData);
            registry = new AppletRegistry(config.MaxApplets);
            chain = new CommandChain(apdu);
            reply = new ResponseChain(apdu.Buffer, config.MaxResponseFrame);
        }

        public CardConfig Config { get { return config; } }

        public CardStore Store { get { return store; } }

        public AppletRegistry Applets { get { return registry; } }

        /// <summary>The last GET CHALLENGE's bytes, for the one command after it (issuer authentication).</summary>
        public CardChallenge Challenge { get { return challenge; } }

        /// <summary>The applet chosen by the last successful SELECT by DF name; null after reset.</summary>
        public Applet SelectedApplet { get { return selected; } }

        /// <summary>Installs <paramref name="applet"/> under the AID <c>aid[offset..offset+length)</c>, outside any security domain.</summary>
        public void Install(Applet applet, byte[] aid, short offset, byte length)
        {
            registry.Install(applet, aid, offset, length, null);
        }

        /// <summary>
        /// Installs <paramref name="applet"/> under the AID, associated with <paramref name="domain"/>:
        /// the applet's sessions are that domain's (GlobalPlatform Card Specification v2.3.1 §10).
        /// </summary>
        public void Install(Applet applet, byte[] aid, short offset, byte length, ISecurityDomain domain)
        {
            registry.Install(applet, aid, offset, length, domain);
        }

        /// <summary>Power-up or warm reset: no applet selected, every security state cleared, chains dropped.</summary>
        public void Reset()
        {
            chain.Clear();
            reply.Clear();
            selected = null;
            challenge.Disarm();
            if (store.InTransaction)
            {
                store.AbortTransaction();
            }
            for (int i = 0; i < registry.Count; i++)
            {
                registry[i].CardReset();
            }
        }

        /// <summary>
        /// Processes the command <c>command[0..commandLength)</c> and writes the response (data and
        /// status word) to <paramref name="response"/>, which must hold at least two bytes. Returns
        /// the response length. Never throws for any input.
        /// </summary>
        public int Transmit(byte[] command, int commandLength, byte[] response)
        {
            try
            {
                return Handle(command, commandLength, response);
            }
            catch (System.Exception)
            {
                // A runtime bug: answer 6F00 rather than take the card down. Tests treat 6F00 as a failure.
                return Fail(Sw.Unknown, response);
            }
        }

        private int Handle(byte[] command, int commandLength, byte[] response)
        {
            if (commandLength < 4 || commandLength > command.Length)
            {
                return Fail(Sw.WrongLength, response);
            }
            byte cla = command[Iso7816.OffsetCla];
            byte ins = command[Iso7816.OffsetIns];
            if (ClassByte.IsInvalid(cla))
            {
                return Fail(Sw.ClaNotSupported, response);
            }
            if (ClassByte.Channel(cla) != 0)
            {
                return Fail(Sw.LogicalChannelNotSupported, response);
            }
            if (ClassByte.HasSecureMessaging(cla) && !SelectedOwnsChannel(cla))
            {
                return Fail(Sw.SecureMessagingNotSupported, response);
            }
            if ((ins & 0xF0) == 0x60 || (ins & 0xF0) == 0x90)
            {
                // 6X and 9X are T=0 procedure bytes, never instructions (ISO/IEC 7816-3 §10.3.3).
                return Fail(Sw.InsNotSupported, response);
            }
            ushort sw = apdu.Parse(command, commandLength, config.ExtendedLength);
            if (sw != Sw.NoError)
            {
                return Fail(sw, response);
            }
            if (DiagnosticObject.IsRequest(command))
            {
                chain.Clear();
                apdu.Receive(command);
                return Respond(DiagnosticObject.Answer(store, apdu), response);
            }
            if (!store.IsHealthy)
            {
                return Fail(Sw.MemoryFailure, response);
            }
            bool chained = ClassByte.IsChaining(cla);
            if (ins == Iso7816.InsGetResponse && ClassByte.IsInterindustry(cla) && !chained && !chain.InProgress)
            {
                return GetResponse(command, response);
            }
            reply.Clear();
            if (chain.InProgress)
            {
                if (!chain.Continues(command))
                {
                    chain.Clear();
                    return Status(Sw.LastCommandOfChainExpected, response);
                }
                if (!chain.Append(command))
                {
                    return Status(Sw.WrongLength, response);
                }
                if (chained)
                {
                    return Status(Sw.NoError, response);
                }
                chain.Finish();
            }
            else if (chained)
            {
                return Status(chain.Start(command) ? Sw.NoError : Sw.WrongLength, response);
            }
            else
            {
                apdu.Receive(command);
            }
            return Respond(Dispatch(), response);
        }

        private ushort Dispatch()
        {
            if (apdu.Ins == Iso7816.InsGetChallenge && ClassByte.IsInterindustry(apdu.Cla))
            {
                return challenge.Answer(apdu);
            }
            ushort sw = DispatchToApplet();
            challenge.Disarm();
            if (store.InTransaction)
            {
                store.AbortTransaction();
            }
            return sw;
        }

        private ushort DispatchToApplet()
        {
            try
            {
                if (apdu.Ins == Iso7816.InsSelect && apdu.P1 == Iso7816.SelectByDfName && ClassByte.IsInterindustry(apdu.Cla) && !ClassByte.HasSecureMessaging(apdu.Cla))
                {
                    return SelectByDfName();
                }
                if (selected == null)
                {
                    return Files.FileCommands.Process(null, apdu);
                }
                ISecurityDomain domain = selected.Domain;
                if (domain == null)
                {
                    return selected.Process(apdu);
                }
                ISecureChannel channel = domain.SecureChannel;
                ushort sw = channel.Unwrap(apdu);
                if (sw == Sw.NoError)
                {
                    sw = SessionCommands.Opens(apdu) ? SessionCommands.Open(domain, apdu) : selected.Process(apdu);
                }
                return channel.Wrap(apdu, sw);
            }
            catch (IsoException e)
            {
                return e.Reason;
            }
            catch (TransactionException)
            {
                // The only reason the store gives: its journal cannot hold the command's writes, and nothing changed.
                return Sw.NotEnoughMemoryInFile;
            }
            catch (System.Exception)
            {
                // An applet bug. 6F00 says so; the card stays up and answers the next command.
                return Sw.Unknown;
            }
        }

        /// <summary>
        /// Secure messaging reaches only an applet whose domain has a secure channel, and only unchained
        /// on the basic channel: its channel unwraps each command whole.
        /// </summary>
        private bool SelectedOwnsChannel(byte cla)
        {
            return selected != null && selected.SecureChannel != null && !ClassByte.IsChaining(cla) && !chain.InProgress;
        }

        /// <summary>
        /// SELECT by DF name (ISO/IEC 7816-4:2020 §11.2.2). P2 0C selects without reply data; P2 00
        /// answers the FCI template <c>6F L 84 L DF-name</c> (§7.4.1, table 12). An unknown name
        /// answers 6A82 and leaves the current selection as it was.
        /// </summary>
        private ushort SelectByDfName()
        {
            byte p2 = apdu.P2;
            if (!ApduCase.HasCommandData(apdu.Case))
            {
                return Sw.WrongLength;
            }
            // The name first: an unknown AID answers 6A82 whatever P2 asks for (OpenSC's SC-HSM
            // probe asks for an FCP, P2 04), so no probe can mistake this card for another.
            Applet target = registry.Find(apdu.Buffer, apdu.DataOffset, apdu.IncomingLength);
            if (target == null)
            {
                return Sw.FileNotFound;
            }
            if (p2 != Iso7816.SelectNoData && p2 != Iso7816.SelectReturnFci)
            {
                return Sw.IncorrectP1P2;
            }
            if (selected != null)
            {
                selected.Deselect();
                selected.ClearSecurityState();
                selected = null;
            }
            target.ClearSecurityState();
            if (!target.Select())
            {
                return Sw.AppletSelectFailed;
            }
            selected = target;
            if (p2 == Iso7816.SelectReturnFci)
            {
                byte[] buffer = apdu.Buffer;
                byte length = target.AidLength;
                buffer[0] = 0x6F;
                buffer[1] = (byte)(2 + length);
                buffer[2] = 0x84;
                buffer[3] = length;
                short end = target.GetAid(buffer, 4);
                apdu.SetOutgoingAndSend(0, end);
            }
            return Sw.NoError;
        }

        /// <summary>
        /// GET RESPONSE (§11.7.1) <c>00 C0 00 00 Le</c>. Its header is read from the frame: the
        /// APDU buffer still holds the reply being fetched. Malformed ones keep the reply pending.
        /// </summary>
        private int GetResponse(byte[] command, byte[] response)
        {
            if (!reply.HasData)
            {
                return Status(Sw.ConditionsNotSatisfied, response);
            }
            if (command[Iso7816.OffsetP1] != 0 || command[Iso7816.OffsetP2] != 0)
            {
                return Status(Sw.IncorrectP1P2, response);
            }
            if (apdu.Case != ApduCase.ResponseData)
            {
                return Status(Sw.WrongLength, response);
            }
            return reply.NextFrame(apdu.ExpectedLength, response);
        }

        private int Respond(ushort sw, byte[] response)
        {
            int length = Sw.MayCarryData(sw) ? apdu.OutgoingLength : 0;
            reply.Start(length, sw);
            return reply.NextFrame(apdu.ExpectedLength, response);
        }

        /// <summary>A malformed command: answered, and any chain or pending reply is dropped.</summary>
        private int Fail(ushort sw, byte[] response)
        {
            chain.Clear();
            reply.Clear();
            return Status(sw, response);
        }

        private static int Status(ushort sw, byte[] response)
        {
            response[0] = (byte)(sw >> 8);
            response[1] = (byte)sw;
            return 2;
        }
    }
}
