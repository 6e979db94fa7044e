package kz.btcom.fs.billing.journal;

import kz.btcom.fs.billing.JournalEvent.Pass;
import kz.btcom.fs.call.DiversionReason;
import kz.btcom.fs.numbering.NumberClass;
import net.openhft.chronicle.bytes.BytesIn;
import net.openhft.chronicle.bytes.BytesOut;

import java.time.Instant;

/**
 * The field encodings of the journal, in one place: times as epoch milliseconds (a missing time as
 * {@link Long#MIN_VALUE}), strings as length-prefixed UTF-8 (null allowed), enums by name (null allowed), so a
 * reordered or extended enum never changes what an old entry means.
 */
final class WireCodec {

    /**
     * Written first in every entry: a reader refuses a format it does not know instead of misreading it.
     * 2 (issue 11): the attempt and the release end with the pass (which session case it served) and the icid;
     * the other events are the same as in 1.
     */
    static final byte FORMAT = 2;
    /** The format of the first release, still read: its attempts and releases have no pass and no icid. */
    static final byte FORMAT_WITHOUT_PASS = 1;

    private static final long NO_TIME = Long.MIN_VALUE;

    private WireCodec() {
    }

    static void writeFormat(BytesOut<?> out) {
        out.writeByte(FORMAT);
    }

    /** @return the entry's format, one this version reads */
    static byte readFormat(BytesIn<?> in, String event) {
        byte format = in.readByte();
        if (format < FORMAT_WITHOUT_PASS || format > FORMAT) {
            throw new IllegalStateException("journal entry '" + event + "' has format " + format
                    + "; this version reads formats " + FORMAT_WITHOUT_PASS + " to " + FORMAT
                    + " (a newer server wrote it?)");
        }
        return format;
    }

    static void writeTime(BytesOut<?> out, Instant time) {
        out.writeLong(time == null ? NO_TIME : time.toEpochMilli());
    }

    static Instant readTime(BytesIn<?> in) {
        long millis = in.readLong();
        return millis == NO_TIME ? null : Instant.ofEpochMilli(millis);
    }

    static void writeString(BytesOut<?> out, String value) {
        out.writeUtf8(value);
    }

    static String readString(BytesIn<?> in) {
        return in.readUtf8();
    }

    static void writeEnum(BytesOut<?> out, Enum<?> value) {
        out.writeUtf8(value == null ? null : value.name());
    }

    static NumberClass readNumberClass(BytesIn<?> in) {
        String name = in.readUtf8();
        return name == null ? null : NumberClass.valueOf(name);
    }

    static Pass readPass(BytesIn<?> in) {
        return Pass.valueOf(in.readUtf8());
    }

    static DiversionReason readDiversionReason(BytesIn<?> in) {
        String name = in.readUtf8();
        return name == null ? null : DiversionReason.valueOf(name);
    }
}
