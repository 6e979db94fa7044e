package kz.btcom.fs.sip;

import kz.btcom.fs.call.Diversion;
import kz.btcom.fs.call.DiversionReason;
import org.junit.jupiter.api.Test;

import javax.sip.SipFactory;
import javax.sip.message.Request;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** History-Info entries (RFC 7044) and how they continue what the core sent; no sockets. */
class DiversionHeadersTest {

    private static final SipFactory FACTORY = SipFactory.getInstance();

    static {
        FACTORY.setPathName("gov.nist");
    }

    private final DiversionHeaders headers;

    DiversionHeadersTest() throws Exception {
        headers = new DiversionHeaders(FACTORY.createHeaderFactory(),
                new NumberUris(FACTORY.createAddressFactory(), "core.btcom.kz"));
    }

    @Test
    void entriesAreSplitAtTheCommasBetweenThemOnly() {
        assertEquals(List.of("\"Ivan, Jr\" <sip:a@b;x=1,2>;index=1", "<sip:c@d?Reason=SIP%3Bcause%3D486>;index=1.1"),
                DiversionHeaders.splitEntries(
                        "\"Ivan, Jr\" <sip:a@b;x=1,2>;index=1 ,  <sip:c@d?Reason=SIP%3Bcause%3D486>;index=1.1"));
    }

    @Test
    void withoutHistoryTheRequestUriIsTheFirstEntryAndEachDiversionAChildOfThePrevious() throws Exception {
        Request invite = invite("");
        assertEquals(List.of("<sip:+77272777888@fs.btcom.kz;user=phone>;index=1",
                        "<sip:+77272777000@core.btcom.kz;user=phone;cause=302>;index=1.1;mp=1",
                        "<sip:+77172555123@core.btcom.kz;user=phone;cause=408>;index=1.1.1;mp=1.1"),
                headers.historyEntries(invite, List.of(
                        new Diversion("+77272777888", "+77272777000", DiversionReason.UNCONDITIONAL),
                        new Diversion("+77272777000", "+77172555123", DiversionReason.NO_REPLY))));
    }

    @Test
    void whenTheCoresLastEntryIsNotTheRequestUriItIsAddedUnderIt() throws Exception {
        Request invite = invite("History-Info: <sip:+77272999111@ims.btcom.kz>;index=1\r\n"
                + "History-Info: <sip:+77272000000@ims.btcom.kz;cause=302>;index=1.2;mp=1\r\n");
        assertEquals(List.of("<sip:+77272777888@fs.btcom.kz;user=phone>;index=1.2.1",
                        "<sip:+77272777000@core.btcom.kz;user=phone;cause=486>;index=1.2.1.1;mp=1.2.1"),
                headers.historyEntries(invite, List.of(
                        new Diversion("+77272777888", "+77272777000", DiversionReason.BUSY))));
    }

    @Test
    void aCallAddressedByATelUriIsForwardedWithTelUrisThroughout() throws Exception {
        Request invite = invite("tel:+77272777888", "");
        Request out = invite("sip:placeholder@fs.btcom.kz", "");
        out.removeHeader(DiversionHeaders.HISTORY_INFO);

        headers.write(invite, out, List.of(new Diversion("+77272777888", "+77272777000", DiversionReason.UNCONDITIONAL)));

        assertEquals("History-Info: <tel:+77272777888>;index=1,<tel:+77272777000;cause=302>;index=1.1;mp=1",
                out.getHeader(DiversionHeaders.HISTORY_INFO).toString().trim().replace(", ", ","));
        assertEquals("Diversion: <tel:+77272777888>;reason=unconditional;counter=1",
                out.getHeader(DiversionHeaders.DIVERSION).toString().trim());
    }

    @Test
    void aNumberDialledInItsLocalFormIsNamedInE164AsTheFirstEntry() throws Exception {
        Request invite = invite("sip:2777888@10.0.0.10", "");
        assertEquals(List.of("<sip:+77272777888@core.btcom.kz;user=phone>;index=1",
                        "<sip:+77272777000@core.btcom.kz;user=phone;cause=302>;index=1.1;mp=1"),
                headers.historyEntries(invite, List.of(
                        new Diversion("+77272777888", "+77272777000", DiversionReason.UNCONDITIONAL))));
    }

    @Test
    void aPrivacyRequestKeepsTheCallersValuesAndAddsIdOnce() {
        assertEquals("id", CallerIdentity.withId(List.of()));
        assertEquals("id", CallerIdentity.withId(List.of("none")));
        assertEquals("header;id", CallerIdentity.withId(List.of("header", "ID")));
        assertEquals("header;user;critical;id", CallerIdentity.withId(List.of("header;user", "critical")));
    }

    private static Request invite(String extraHeaders) throws Exception {
        return invite("sip:+77272777888@fs.btcom.kz;user=phone", extraHeaders);
    }

    private static Request invite(String requestUri, String extraHeaders) throws Exception {
        return FACTORY.createMessageFactory().createRequest("INVITE " + requestUri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n"
                + "From: <sip:+77272123456@btcom.kz;user=phone>;tag=1\r\n"
                + "To: <sip:+77272777888@fs.btcom.kz;user=phone>\r\n"
                + "Call-ID: history@127.0.0.1\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n"
                + extraHeaders + "Content-Length: 0\r\n\r\n");
    }
}
