package kz.btcom.fs.call;

import java.util.Objects;

/**
 * How the onward leg names the caller (TS 24.607 OIP/OIR). The B2BUA writes From, P-Asserted-Identity and Privacy
 * of the outgoing INVITE from this, and nothing else of the leg (Contact, Call-Info, Remote-Party-ID,
 * P-Preferred-Identity...) carries the caller's number.
 */
public sealed interface Presentation {

    /** No service had a say: From and P-Asserted-Identity as they came in. */
    record AsReceived() implements Presentation {
    }

    /** The caller's number is shown: From and P-Asserted-Identity carry it (a callee with CLIP). */
    record Identified(String number) implements Presentation {
        public Identified {
            Objects.requireNonNull(number, "number");
        }
    }

    /**
     * Withheld from the callee but kept inside the trusted network (the caller's CLIR, callee elsewhere):
     * From anonymous, P-Asserted-Identity kept, {@code Privacy: id}.
     */
    record WithheldInNetwork() implements Presentation {
    }

    /**
     * Withheld, and the callee is ours to present to (no CLIP, or a restricted caller): From
     * {@code "Anonymous" <sip:anonymous@anonymous.invalid>}, no P-Asserted-Identity, {@code Privacy: id}.
     */
    record Anonymous() implements Presentation {
    }

    Presentation AS_RECEIVED = new AsReceived();
    Presentation WITHHELD_IN_NETWORK = new WithheldInNetwork();
    Presentation ANONYMOUS = new Anonymous();

    static Presentation identified(String number) {
        return new Identified(number);
    }
}
