package kz.btcom.fs.sip;

import kz.btcom.fs.call.SipIdentity;

import javax.sip.header.FromHeader;
import javax.sip.header.HeaderAddress;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;

/**
 * The identities an initial INVITE names, for a signalling trace to pick out a number's new calls on either leg:
 * the Request-URI, From, To, every P-Asserted-Identity and the P-Served-User, read as {@link SetupReader} reads them.
 */
final class InviteParties {

    private InviteParties() {
    }

    static List<SipIdentity> of(Request invite) {
        List<SipIdentity> parties = new ArrayList<>(5);
        parties.add(SetupReader.identityOf(invite.getRequestURI(), ""));
        addAddress(parties, invite.getHeader(FromHeader.NAME));
        addAddress(parties, invite.getHeader(ToHeader.NAME));
        ListIterator<?> asserted = invite.getHeaders(SetupReader.P_ASSERTED_IDENTITY);
        while (asserted.hasNext()) {
            addAddress(parties, asserted.next());
        }
        for (String served : SetupReader.values(invite, SetupReader.P_SERVED_USER)) {
            SetupReader.servedUserIdentity(served).ifPresent(parties::add);
        }
        return parties;
    }

    private static void addAddress(List<SipIdentity> parties, Object header) {
        if (header instanceof HeaderAddress address && address.getAddress() != null) {
            parties.add(SetupReader.identityOf(address.getAddress()));
        }
    }
}
