package kz.btcom.fs.trace;

/**
 * The ones'-complement sum of RFC 1071, as the IPv4 header, UDP and TCP carry it. Summed in pieces (pseudo-header,
 * header, payload) and folded once at the end.
 */
final class InternetChecksum {

    private long sum;
    /** An odd byte left over from the last piece: the next piece's first byte is its low half. */
    private int pending = -1;

    InternetChecksum add(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        if (pending >= 0 && i < end) {
            sum += (pending << 8) | (bytes[i++] & 0xff);
            pending = -1;
        }
        for (; i + 1 < end; i += 2) {
            sum += ((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff);
        }
        if (i < end) {
            pending = bytes[i] & 0xff;
        }
        return this;
    }

    InternetChecksum add(byte[] bytes) {
        return add(bytes, 0, bytes.length);
    }

    InternetChecksum addShort(int value) {
        return add(new byte[] {(byte) (value >>> 8), (byte) value});
    }

    /** The checksum to write: the complement of the folded sum. */
    int value() {
        long total = sum + (pending >= 0 ? pending << 8 : 0);
        while ((total >>> 16) != 0) {
            total = (total & 0xffff) + (total >>> 16);
        }
        return (int) (~total & 0xffff);
    }
}
