package kz.btcom.fs.sip;

import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/** The stack's message parser, wrapped so that bad input is answered instead of silently dropped. */
public final class GuardedParserFactory implements MessageParserFactory {

    public GuardedParserFactory() {
    }

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        // One per stack thread: the parser keeps no state between messages. The requests it answers itself never
        // reach the stack's message log, so it hands them to the server's signalling traces itself.
        String name = stack instanceof javax.sip.SipStack named ? named.getStackName() : null;
        return new GuardedParser(name == null ? null : MessageCapture.of(name),
                name == null ? null : PeerGuard.of(name));
    }
}
