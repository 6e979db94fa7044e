package kz.btcom.fs.billing.journal;

import kz.btcom.fs.billing.JournalEvent;
import kz.btcom.fs.billing.JournalEvent.BarringRejection;
import kz.btcom.fs.billing.JournalEvent.CallAlerting;
import kz.btcom.fs.billing.JournalEvent.CallAnswer;
import kz.btcom.fs.billing.JournalEvent.CallAttempt;
import kz.btcom.fs.billing.JournalEvent.CallForwarding;
import kz.btcom.fs.billing.JournalEvent.CallRelease;
import kz.btcom.fs.billing.JournalEvent.FeatureCodeUse;
import kz.btcom.fs.billing.JournalEvent.ForwardedLeg;
import kz.btcom.fs.billing.JournalEvent.MaliciousCallIdentification;
import kz.btcom.fs.billing.JournalEvent.Party;
import kz.btcom.fs.billing.JournalEvent.Pass;
import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.bytes.BytesOut;
import net.openhft.chronicle.wire.BytesInBinaryMarshallable;

import java.util.ArrayList;
import java.util.List;

import static kz.btcom.fs.billing.journal.WireCodec.FORMAT_WITHOUT_PASS;
import static kz.btcom.fs.billing.journal.WireCodec.readDiversionReason;
import static kz.btcom.fs.billing.journal.WireCodec.readFormat;
import static kz.btcom.fs.billing.journal.WireCodec.readNumberClass;
import static kz.btcom.fs.billing.journal.WireCodec.readPass;
import static kz.btcom.fs.billing.journal.WireCodec.readString;
import static kz.btcom.fs.billing.journal.WireCodec.readTime;
import static kz.btcom.fs.billing.journal.WireCodec.writeEnum;
import static kz.btcom.fs.billing.journal.WireCodec.writeFormat;
import static kz.btcom.fs.billing.journal.WireCodec.writeString;
import static kz.btcom.fs.billing.journal.WireCodec.writeTime;

/**
 * One codec per journal event: a holder of the event's record that Chronicle's method writer asks to write
 * itself as bytes (no reflection, no self-describing field names: an entry is the event name and a few dozen
 * bytes), and that the method reader asks to read itself back into a new record. The field order below IS the
 * file format ({@link WireCodec#FORMAT}): append fields only with a new format number, and keep reading the
 * entries of every earlier format (the journal of a running server spans the upgrade).
 */
public final class WireEvents {

    private WireEvents() {
    }

    /** What every codec has: the record it writes or has just read. */
    abstract static class Codec<E extends JournalEvent> extends BytesInBinaryMarshallable {
        transient E event;

        E event() {
            return event;
        }
    }

    public static final class Attempt extends Codec<CallAttempt> {
        public Attempt() {
        }

        Attempt(CallAttempt event) {
            this.event = event;
        }

        @Override
        public void writeMarshallable(BytesOut<?> out) {
            writeFormat(out);
            writeString(out, event.callId());
            writeTime(out, event.at());
            writeString(out, event.caller());
            writeString(out, event.called());
            writeEnum(out, event.calledClass());
            writeString(out, event.chargedParty());
            writeEnum(out, event.pass());
            writeString(out, event.icid());
        }

        @Override
        public void readMarshallable(BytesIn<?> in) {
            byte format = readFormat(in, "attempt");
            String callId = readString(in);
            var at = readTime(in);
            String caller = readString(in);
            String called = readString(in);
            var calledClass = readNumberClass(in);
            String chargedParty = readString(in);
            boolean withPass = format > FORMAT_WITHOUT_PASS;
            event = new CallAttempt(callId, at, caller, called, calledClass, chargedParty,
                    withPass ? readPass(in) : Pass.BOTH, withPass ? readString(in) : null);
        }
    }

    public static final class Alerting extends Codec<CallAlerting> {
        public Alerting() {
        }

        Alerting(CallAlerting event) {
            this.event = event;
        }

        @Override
        public void writeMarshallable(BytesOut<?> out) {
            writeFormat(out);
            writeString(out, event.callId());
            writeTime(out, event.at());
        }

        @Override
        public void readMarshallable(BytesIn<?> in) {
            readFormat(in, "alerting");
            event = new CallAlerting(readString(in), readTime(in));
        }
    }

    public static final class Answer extends Codec<CallAnswer> {
        public Answer() {
        }

        Answer(CallAnswer event) {
            this.event = event;
        }

        @Override
        public void writeMarshallable(BytesOut<?> out) {
            writeFormat(out);
            writeString(out, event.callId());
            writeTime(out, event.at());
        }

        @Override
        public void readMarshallable(BytesIn<?> in) {
            readFormat(in, "answer");
            event = new CallAnswer(readString(in), readTime(in));
        }
    }

    public static final class Release extends Codec<CallRelease> {
        public Release() {
        }

        Release(CallRelease event) {
            this.event = event;
        }

        @Override
        public void writeMarshallable(BytesOut<?> out) {
            writeFormat(out);
            writeString(out, event.callId());
            writeTime(out, event.at());
            writeString(out, event.caller());
            writeString(out, event.called());
            writeEnum(out, event.calledClass());
            writeTime(out, event.started());
            writeTime(out, event.answered());
            out.writeStopBit(event.cause());
            writeEnum(out, event.releasedBy());
            List<ForwardedLeg> legs = event.legs();
            out.writeStopBit(legs.size());
            for (ForwardedLeg leg : legs) {
                writeString(out, leg.from());
                writeString(out, leg.to());
                writeEnum(out, leg.toClass());
                writeEnum(out, leg.reason());
            }
            writeEnum(out, event.pass());
            writeString(out, event.icid());
        }

        @Override
        public void readMarshallable(BytesIn<?> in) {
            byte format = readFormat(in, "release");
            String callId = readString(in);
            var at = readTime(in);
            String caller = readString(in);
            String called = readString(in);
            var calledClass = readNumberClass(in);
            var started = readTime(in);
            var answered = readTime(in);
            int cause = Math.toIntExact(in.readStopBit());
            Party releasedBy = Party.valueOf(readString(in));
            int count = Math.toIntExact(in.readStopBit());
            List<ForwardedLeg> legs = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                legs.add(new ForwardedLeg(readString(in), readString(in), readNumberClass(in),
                        readDiversionReason(in)));
            }
            // Format 1 knew no passes: each release charged its caller, as BOTH does.
            boolean withPass = format > FORMAT_WITHOUT_PASS;
            event = new CallRelease(callId, at, caller, called, calledClass, started, answered, cause, releasedBy,
                    legs, withPass ? readPass(in) : Pass.BOTH, withPass ? readString(in) : null);
        }
    }

    public static final class Forwarding extends Codec<CallForwarding> {
        public Forwarding() {
        }

        Forwarding(CallForwarding event) {
            this.event = event;
        }

        @Override
        public void writeMarshallable(BytesOut<?> out) {
            writeFormat(out);
            writeString(out, event.callId());
            writeTime(out, event.at());
            writeString(out, event.from());
            writeString(out, event.to());
            writeEnum(out, event.toClass());
            writeEnum(out, event.reason());
            writeString(out, event.chargedParty());
        }

        @Override
        public void readMarshallable(BytesIn<?> in) {
            readFormat(in, "forwarding");
            event = new CallForwarding(readString(in), readTime(in), readString(in), readString(in),
                    readNumberClass(in), readDiversionReason(in), readString(in));
        }
    }

    public static final class FeatureCode extends Codec<FeatureCodeUse> {
        public FeatureCode() {
        }

        FeatureCode(FeatureCodeUse event) {
            this.event = event;
        }

        @Override
        public void writeMarshallable(BytesOut<?> out) {
            writeFormat(out);
            writeString(out, event.callId());
            writeTime(out, event.at());
            writeString(out, event.subscriber());
            writeString(out, event.operation());
            out.writeBoolean(event.positive());
        }

        @Override
        public void readMarshallable(BytesIn<?> in) {
            readFormat(in, "featureCode");
            event = new FeatureCodeUse(readString(in), readTime(in), readString(in), readString(in),
                    in.readBoolean());
        }
    }

    public static final class Barred extends Codec<BarringRejection> {
        public Barred() {
        }

        Barred(BarringRejection event) {
            this.event = event;
        }

        @Override
        public void writeMarshallable(BytesOut<?> out) {
            writeFormat(out);
            writeString(out, event.callId());
            writeTime(out, event.at());
            writeString(out, event.caller());
            writeString(out, event.called());
            writeEnum(out, event.calledClass());
            writeString(out, event.reason());
        }

        @Override
        public void readMarshallable(BytesIn<?> in) {
            readFormat(in, "barred");
            event = new BarringRejection(readString(in), readTime(in), readString(in), readString(in),
                    readNumberClass(in), readString(in));
        }
    }

    public static final class MaliciousCall extends Codec<MaliciousCallIdentification> {
        public MaliciousCall() {
        }

        MaliciousCall(MaliciousCallIdentification event) {
            this.event = event;
        }

        @Override
        public void writeMarshallable(BytesOut<?> out) {
            writeFormat(out);
            writeString(out, event.callId());
            writeTime(out, event.at());
            writeString(out, event.victim());
            writeString(out, event.caller());
            out.writeBoolean(event.callerRestricted());
            writeString(out, event.originKind());
            writeString(out, event.origin());
        }

        @Override
        public void readMarshallable(BytesIn<?> in) {
            readFormat(in, "maliciousCall");
            event = new MaliciousCallIdentification(readString(in), readTime(in), readString(in), readString(in),
                    in.readBoolean(), readString(in), readString(in));
        }
    }
}
