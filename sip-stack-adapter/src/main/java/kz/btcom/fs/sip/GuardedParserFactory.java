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
        return new GuardedParser(); // one per stack thread: the parser keeps no state between messages
    }
}
