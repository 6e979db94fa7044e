package kz.btcom.fs.loadtest.functional;

import java.nio.charset.StandardCharsets;

/**
 * Which node Kamailio's dispatcher (loadtest/kamailio/cluster.cfg: algorithm 7, hash over the served user's digits)
 * sends a line's passes to while every node is up: its {@code ds_get_hash} over the string, modulo the number of
 * nodes, counted from the end of dispatcher.list (the module builds its list last line first). The tests use it to
 * pick numbers that enter through different nodes, and check from the nodes' metrics that the calls did.
 */
final class DispatcherHash {

    private DispatcherHash() {
    }

    /** @param digits E.164 without '+' @return the node, 1..nodes */
    static int owner(String digits, int nodes) {
        return nodes - (int) (Integer.toUnsignedLong(hash(digits)) % nodes);
    }

    static int hash(String text) {
        byte[] s = text.getBytes(StandardCharsets.US_ASCII);
        int h = 0;
        int p = 0;
        if (s.length >= 4) {
            for (; p <= s.length - 4; p += 4) {
                int v = (s[p] << 24) + (s[p + 1] << 16) + (s[p + 2] << 8) + s[p + 3];
                h += v ^ (v >>> 3);
            }
        }
        int v = 0;
        for (; p < s.length; p++) {
            v <<= 8;
            v += s[p];
        }
        h += v ^ (v >>> 3);
        h = (h + (h >>> 11)) + ((h >>> 13) + (h >>> 23));
        return h == 0 ? 1 : h;
    }
}
