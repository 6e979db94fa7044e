package kz.btcom.fs.loadtest.functional;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A SIP message as header lines that can be changed, and the body as it came: enough SIP for the test's own peers
 * (the core {@link TwoPassCore}, the telephones {@link TestPhones}), which read and write the text themselves.
 */
final class SipMessage {
    private final String startLine;
    private final List<String[]> headers;
    private final String body;

    private SipMessage(String startLine, List<String[]> headers, String body) {
        this.startLine = startLine;
        this.headers = headers;
        this.body = body;
    }

    static SipMessage parse(String text) {
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String body = end < 0 ? "" : text.substring(end + 4);
        String[] lines = head.split("\r\n");
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (!headers.isEmpty() && (lines[i].startsWith(" ") || lines[i].startsWith("\t"))) {
                String[] last = headers.get(headers.size() - 1);
                last[1] = last[1] + " " + lines[i].trim();
                continue;
            }
            int colon = lines[i].indexOf(':');
            headers.add(new String[] {longName(lines[i].substring(0, colon).trim()),
                    lines[i].substring(colon + 1).trim()});
        }
        return new SipMessage(lines[0], headers, body);
    }

    /** A new request or response: its start line, no headers yet, and a body (Content-Length comes with it). */
    static SipMessage of(String startLine, String body) {
        return new SipMessage(startLine, new ArrayList<>(), body);
    }

    /** RFC 3261 7.3.3: the compact forms a peer may send, read as the long names. */
    private static String longName(String name) {
        return switch (name.length() == 1 ? Character.toLowerCase(name.charAt(0)) : ' ') {
            case 'v' -> "Via";
            case 'f' -> "From";
            case 't' -> "To";
            case 'i' -> "Call-ID";
            case 'm' -> "Contact";
            case 'l' -> "Content-Length";
            case 'c' -> "Content-Type";
            case 'r' -> "Refer-To";
            case 'b' -> "Referred-By";
            case 'e' -> "Content-Encoding";
            case 'k' -> "Supported";
            case 'o' -> "Event";
            default -> name;
        };
    }

    boolean isResponse() {
        return startLine.startsWith("SIP/2.0 ");
    }

    boolean isInitialInvite() {
        return startLine.startsWith("INVITE ") && values("To").stream().noneMatch(to -> to.contains(";tag="));
    }

    /** A request's method; "" for a response. */
    String method() {
        return isResponse() ? "" : startLine.substring(0, startLine.indexOf(' '));
    }

    /** A response's status code; 0 for a request. */
    int status() {
        return isResponse() ? Integer.parseInt(startLine.split(" ")[1]) : 0;
    }

    String startLine() {
        return startLine;
    }

    String requestUri() {
        return startLine.split(" ")[1];
    }

    String requestUriUser() {
        String uri = requestUri();
        int at = uri.indexOf('@');
        if (at < 0) {
            return "";
        }
        String user = uri.substring(uri.indexOf(':') + 1, at);
        int semicolon = user.indexOf(';');
        return semicolon < 0 ? user : user.substring(0, semicolon);
    }

    /** Every value of the header, those listed on one line with commas apart. */
    List<String> values(String name) {
        List<String> values = new ArrayList<>();
        for (String[] header : headers) {
            if (header[0].equalsIgnoreCase(name)) {
                values.addAll(splitList(header[1]));
            }
        }
        return values;
    }

    /** The first line of a header as it stands (not split at commas: a Call-ID, a From, a CSeq); null when none. */
    String header(String name) {
        for (String[] header : headers) {
            if (header[0].equalsIgnoreCase(name)) {
                return header[1];
            }
        }
        return null;
    }

    Optional<String> optional(String name) {
        return Optional.ofNullable(header(name));
    }

    String body() {
        return body;
    }

    /** The number of the CSeq header. */
    long cseq() {
        return Long.parseLong(header("CSeq").trim().split("\\s+")[0]);
    }

    /** The method of the CSeq header: what a response answers. */
    String cseqMethod() {
        return header("CSeq").trim().split("\\s+")[1];
    }

    SipMessage add(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    /** The header with this one value, where it stood (or at the end). */
    SipMessage set(String name, String value) {
        for (String[] header : headers) {
            if (header[0].equalsIgnoreCase(name)) {
                setAll(name, List.of(value));
                return this;
            }
        }
        return add(name, value);
    }

    void popVia() {
        List<String> vias = values("Via");
        setAll("Via", vias.subList(1, vias.size()));
    }

    void pushVia(String via) {
        List<String> vias = new ArrayList<>(values("Via"));
        vias.add(0, via);
        setAll("Via", vias);
    }

    void recordRoute(String entry) {
        List<String> entries = new ArrayList<>(values("Record-Route"));
        entries.add(0, entry);
        setAll("Record-Route", entries);
    }

    void setRoutes(List<String> routes) {
        setAll("Route", routes);
    }

    void decrementMaxForwards() {
        for (String[] header : headers) {
            if (header[0].equalsIgnoreCase("Max-Forwards")) {
                header[1] = Integer.toString(Integer.parseInt(header[1]) - 1);
            }
        }
    }

    /** Replaces every line of the header by one line per value, where the first of them stood (or on top). */
    void setAll(String name, List<String> values) {
        int at = -1;
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i)[0].equalsIgnoreCase(name)) {
                at = at < 0 ? i : at;
                headers.remove(i--);
            }
        }
        at = Math.max(at, 0);
        for (int i = 0; i < values.size(); i++) {
            headers.add(at + i, new String[] {name, values.get(i)});
        }
    }

    String text() {
        StringBuilder text = new StringBuilder(startLine).append("\r\n");
        for (String[] header : headers) {
            text.append(header[0]).append(": ").append(header[1]).append("\r\n");
        }
        return text.append("\r\n").append(body).toString();
    }

    /** A header's comma-separated values (commas inside <> or quotes are not separators). */
    static List<String> splitList(String value) {
        List<String> values = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                depth++;
            } else if (!quoted && c == '>') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                values.add(value.substring(start, i).trim());
                start = i + 1;
            }
        }
        values.add(value.substring(start).trim());
        return values;
    }

    /** The URI of a name-addr ({@code "Bob" <sip:...>;tag=x}), or the value itself when it has no angle brackets. */
    static String uriIn(String nameAddr) {
        int open = nameAddr.indexOf('<');
        int close = nameAddr.indexOf('>', open + 1);
        if (open >= 0 && close > open) {
            return nameAddr.substring(open + 1, close);
        }
        int semicolon = nameAddr.indexOf(';');
        return (semicolon < 0 ? nameAddr : nameAddr.substring(0, semicolon)).trim();
    }

    /** A parameter of a header value outside its URI ({@code tag} of a From); null when it has none. */
    static String parameter(String value, String name) {
        int close = value.lastIndexOf('>');
        String params = close >= 0 ? value.substring(close + 1) : value;
        for (String param : params.split(";")) {
            String[] nameValue = param.trim().split("=", 2);
            if (nameValue[0].equalsIgnoreCase(name)) {
                return nameValue.length == 2 ? nameValue[1] : "";
            }
        }
        return null;
    }

    /** host:port of a sip: URI (port 5060 when it has none). */
    static InetSocketAddress addressOf(String uri) {
        String rest = uri.substring(uri.indexOf(':') + 1);
        int at = rest.indexOf('@');
        rest = at >= 0 ? rest.substring(at + 1) : rest;
        int end = 0;
        while (end < rest.length() && ";?>".indexOf(rest.charAt(end)) < 0) {
            end++;
        }
        String hostPort = rest.substring(0, end);
        int colon = hostPort.lastIndexOf(':');
        try {
            return colon < 0 ? new InetSocketAddress(InetAddress.getByName(hostPort), 5060)
                    : new InetSocketAddress(InetAddress.getByName(hostPort.substring(0, colon)),
                    Integer.parseInt(hostPort.substring(colon + 1)));
        } catch (IOException e) {
            throw new IllegalStateException("no address in " + uri, e);
        }
    }

    /** Where a response goes by a Via: its received/rport when set, else its sent-by. */
    static InetSocketAddress viaAddress(String via) {
        String[] parts = via.split(";");
        String sentBy = parts[0].trim().split("\\s+")[1];
        String host = sentBy.contains(":") ? sentBy.substring(0, sentBy.lastIndexOf(':')) : sentBy;
        int port = sentBy.contains(":") ? Integer.parseInt(sentBy.substring(sentBy.lastIndexOf(':') + 1)) : 5060;
        for (String param : Arrays.asList(parts).subList(1, parts.length)) {
            String[] nameValue = param.trim().split("=", 2);
            if (nameValue.length == 2 && nameValue[0].equalsIgnoreCase("received")) {
                host = nameValue[1];
            } else if (nameValue.length == 2 && nameValue[0].equalsIgnoreCase("rport")) {
                port = Integer.parseInt(nameValue[1]);
            }
        }
        return new InetSocketAddress(host, port);
    }
}
