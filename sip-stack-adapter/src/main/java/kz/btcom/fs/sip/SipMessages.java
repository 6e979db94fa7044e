package kz.btcom.fs.sip;

import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ListIterator;
import java.util.Locale;

/** Builds the messages the B2BUA sends, from the stack's factories and the server's own address. */
final class SipMessages {

    final MessageFactory messages;
    final HeaderFactory headers;
    final AddressFactory addresses;
    final String host;
    final int port;
    private final ContactHeader udpContact;
    private final ContactHeader tcpContact;

    SipMessages(MessageFactory messages, HeaderFactory headers, AddressFactory addresses, String host, int port)
            throws ParseException {
        this.messages = messages;
        this.headers = headers;
        this.addresses = addresses;
        this.host = host;
        this.port = port;
        this.udpContact = contact("udp");
        this.tcpContact = contact("tcp");
    }

    private ContactHeader contact(String transport) throws ParseException {
        SipURI uri = addresses.createSipURI("fs", host.contains(":") ? "[" + host + "]" : host);
        uri.setPort(port);
        uri.setTransportParam(transport);
        return headers.createContactHeader(addresses.createAddress(uri));
    }

    ContactHeader contactFor(String transport) {
        return (ContactHeader) ("tcp".equalsIgnoreCase(transport) ? tcpContact : udpContact).clone();
    }

    /** A response to {@code request}, with our tag on To when the request had none. */
    Response response(int status, Request request, String toTag) throws ParseException {
        Response response = messages.createResponse(status, request);
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (toTag != null && to.getTag() == null && status != Response.TRYING) {
            to.setTag(toTag);
        }
        return response;
    }

    /** Copies the body and its Content-Type, if any, from one message to another. */
    static void copyBody(Message from, Message to) throws ParseException {
        byte[] body = from.getRawContent();
        ContentTypeHeader type = (ContentTypeHeader) from.getHeader(ContentTypeHeader.NAME);
        if (body != null && body.length > 0 && type != null) {
            to.setContent(body, (ContentTypeHeader) type.clone());
        }
    }

    /** Copies every value of the named headers. */
    static void copyHeaders(Message from, Message to, Iterable<String> names) {
        for (String name : names) {
            ListIterator<?> values = from.getHeaders(name);
            while (values.hasNext()) {
                to.addHeader((Header) ((Header) values.next()).clone());
            }
        }
    }

    /** The body's media type as "type/subtype", lower case (media types are case-insensitive); "" when none. */
    static String contentType(Message message) {
        ContentTypeHeader type = (ContentTypeHeader) message.getHeader(ContentTypeHeader.NAME);
        if (type == null || type.getContentType() == null) {
            return "";
        }
        String subtype = type.getContentSubType() == null ? "" : type.getContentSubType();
        return (type.getContentType() + "/" + subtype).toLowerCase(Locale.ROOT);
    }

    /** The body as UTF-8 text; "" when there is none. */
    static String bodyText(Message message) {
        return hasBody(message) ? new String(message.getRawContent(), StandardCharsets.UTF_8) : "";
    }

    static boolean hasBody(Message message) {
        byte[] body = message.getRawContent();
        return body != null && body.length > 0;
    }

    static boolean mentions100rel(Message message, String headerName) {
        ListIterator<?> values = message.getHeaders(headerName);
        while (values.hasNext()) {
            String value = values.next().toString().toLowerCase(Locale.ROOT);
            if (value.contains("100rel")) {
                return true;
            }
        }
        return false;
    }

    Address cloneAddress(Address address) {
        return (Address) address.clone();
    }
}
