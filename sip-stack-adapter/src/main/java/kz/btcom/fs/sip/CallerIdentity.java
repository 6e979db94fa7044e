package kz.btcom.fs.sip;

import gov.nist.javax.sip.parser.StringMsgParser;
import kz.btcom.fs.call.Presentation;

import javax.sip.address.Address;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import java.text.ParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes how the onward leg names the caller (TS 24.607 OIP/OIR): its From, P-Asserted-Identity and Privacy, from
 * the {@link Presentation} the services chose. What else the leg may carry about the caller is {@link CallerPrivacy}.
 */
final class CallerIdentity {

    static final String ANONYMOUS = "\"Anonymous\" <sip:anonymous@anonymous.invalid>";

    private final SipMessages sip;
    private final NumberUris numbers;

    CallerIdentity(SipMessages sip, NumberUris numbers) {
        this.sip = sip;
        this.numbers = numbers;
    }

    /** The From of the onward leg, with a tag of its own (it is a dialog of its own). */
    FromHeader from(Request incoming, Presentation presentation) throws ParseException {
        Address address;
        if (presentation instanceof Presentation.Identified identified) {
            address = sip.addresses.createAddress(numbers.of(incoming, identified.number()));
        } else if (withholds(presentation)) {
            address = sip.addresses.createAddress(ANONYMOUS);
        } else {
            address = sip.cloneAddress(((FromHeader) incoming.getHeader(FromHeader.NAME)).getAddress());
        }
        return sip.headers.createFromHeader(address, Tags.newTag());
    }

    /** Adds P-Asserted-Identity and Privacy to the onward INVITE. */
    void writeAssertedIdentity(Request incoming, Request out, Presentation presentation) throws ParseException {
        if (presentation instanceof Presentation.Identified identified) {
            out.addHeader(sip.headers.createHeader(SetupReader.P_ASSERTED_IDENTITY,
                    "<" + numbers.of(incoming, identified.number()) + ">"));
        } else if (!(presentation instanceof Presentation.Anonymous)) {
            // As received, or withheld from the callee but kept for the trusted network.
            SipMessages.copyHeaders(incoming, out, List.of(SetupReader.P_ASSERTED_IDENTITY));
        }
        if (withholds(presentation)) {
            out.addHeader(StringMsgParser.parseSIPHeader(SetupReader.PRIVACY + ": "
                    + withId(SetupReader.values(incoming, SetupReader.PRIVACY))));
        } else {
            SipMessages.copyHeaders(incoming, out, List.of(SetupReader.PRIVACY));
        }
    }

    static boolean withholds(Presentation presentation) {
        return presentation instanceof Presentation.WithheldInNetwork || presentation instanceof Presentation.Anonymous;
    }

    /** The caller's own Privacy values with {@code id} added once; {@code none} goes, it would contradict it. */
    static String withId(List<String> received) {
        Set<String> values = new LinkedHashSet<>();
        for (String header : received) {
            for (String value : header.split(";")) {
                String v = value.trim().toLowerCase(Locale.ROOT);
                if (!v.isEmpty() && !v.equals("none")) {
                    values.add(v);
                }
            }
        }
        values.add("id");
        return String.join(";", values);
    }
}
