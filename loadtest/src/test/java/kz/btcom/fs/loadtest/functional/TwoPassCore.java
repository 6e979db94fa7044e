package kz.btcom.fs.loadtest.functional;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The IMS core as an S-CSCF routes a call between two subscribers of one application server, played on loopback by
 * a stateless proxy: the caller's INVITE goes to the server for the originating services (top Route with
 * {@code orig}); the onward INVITE that comes back goes to the server again for the callee's terminating services
 * ({@code P-Served-User: <callee>;sescase=term}); the onward INVITE of that pass goes to the callee. The core knows
 * a request coming back from the server by the parameter {@code fs-pass} it put on its own Route entry (the
 * S-CSCF's original dialog identifier). It Record-Routes, so every later request of each dialog passes it too and
 * is sent on by its Route and Request-URI; a response goes back along its Vias.
 *
 * <p>Every request it receives is kept ({@link #requests()}), for the test to read what each pass sent. Like a
 * P-CSCF it may put a {@code P-Charging-Vector} on the callers' INVITEs ({@link #chargingVector}).
 */
final class TwoPassCore implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    private static final String PASS_PARAM = "fs-pass=";

    private final DatagramSocket socket;
    private final int serverPort;
    private final int calleePort;
    private final Thread receiver;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private volatile String chargingVector;

    /**
     * @param port       where the core listens: the server's {@code --core}
     * @param serverPort the server's SIP port
     * @param calleePort where the callees are (a SIPp UAS)
     */
    TwoPassCore(int port, int serverPort, int calleePort) throws SocketException {
        this.socket = new DatagramSocket(new InetSocketAddress(HOST, port));
        this.serverPort = serverPort;
        this.calleePort = calleePort;
        this.receiver = new Thread(this::receive, "two-pass-core");
        this.receiver.setDaemon(true);
        this.receiver.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** From now on the callers' INVITEs get this P-Charging-Vector value (null: none, as they came). */
    void chargingVector(String value) {
        this.chargingVector = value;
    }

    /** Every request the core received so far, as text, in order. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    /** The INVITEs the server sent on from the pass of that name ("orig", "term"), the Route it came by marked so. */
    List<String> onwardInvites(String pass) {
        return requests.stream().filter(r -> r.startsWith("INVITE ") && header(r, "Route").stream()
                .anyMatch(route -> route.contains(PASS_PARAM + pass))).toList();
    }

    /** What went wrong in the core itself (a message it could not route): none in a good run. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    private void receive() {
        byte[] buffer = new byte[65_535];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException closed) {
                return;
            }
            String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.ISO_8859_1);
            if (text.isBlank()) {
                continue; // a keep-alive
            }
            try {
                route(Message.parse(text));
            } catch (RuntimeException | IOException e) {
                problems.add(e + " routing:\n" + text);
            }
        }
    }

    private void route(Message message) throws IOException {
        if (message.isResponse()) {
            message.popVia();
            InetSocketAddress next = viaAddress(message.values("Via").get(0));
            send(message, next);
            return;
        }
        requests.add(message.text());
        InetSocketAddress next;
        if (message.isInitialInvite()) {
            next = initialInvite(message);
        } else {
            next = inDialog(message);
        }
        if (next.getPort() == port()) {
            problems.add("a request for nobody but the core itself:\n" + message.text());
            return;
        }
        message.pushVia("SIP/2.0/UDP " + HOST + ":" + port() + ";branch=" + branchFor(message));
        message.decrementMaxForwards();
        send(message, next);
    }

    /** Where an initial INVITE goes, by the pass it comes back from (none: it is a caller's). */
    private InetSocketAddress initialInvite(Message invite) {
        Optional<String> ours = invite.values("Route").stream().findFirst().filter(this::isOurs);
        String pass = ours.map(TwoPassCore::passOf).orElse("");
        invite.recordRoute("<sip:" + HOST + ":" + port() + ";lr>");
        switch (pass) {
            case "" -> {
                if (chargingVector != null) {
                    invite.add("P-Charging-Vector", chargingVector);
                }
                invite.setRoutes(List.of("<sip:" + HOST + ":" + serverPort + ";lr;orig>",
                        "<sip:" + HOST + ":" + port() + ";lr;" + PASS_PARAM + "orig>"));
                return server();
            }
            case "orig" -> {
                invite.setRoutes(List.of("<sip:" + HOST + ":" + serverPort + ";lr>",
                        "<sip:" + HOST + ":" + port() + ";lr;" + PASS_PARAM + "term>"));
                invite.add("P-Served-User", "<sip:" + invite.requestUriUser() + "@" + HOST + ";user=phone>"
                        + ";sescase=term;regstate=reg");
                return server();
            }
            case "term" -> {
                invite.setRoutes(List.of());
                return new InetSocketAddress(HOST, calleePort);
            }
            default -> throw new IllegalStateException("an INVITE back from an unknown pass " + pass);
        }
    }

    /** A request in a dialog: our own Route entry off, then to the next Route, or else the Request-URI. */
    private InetSocketAddress inDialog(Message request) {
        List<String> routes = new ArrayList<>(request.values("Route"));
        if (!routes.isEmpty() && isOurs(routes.get(0))) {
            routes.remove(0);
        }
        request.setRoutes(routes);
        return addressOf(routes.isEmpty() ? request.requestUri() : uriIn(routes.get(0)));
    }

    private InetSocketAddress server() {
        return new InetSocketAddress(HOST, serverPort);
    }

    private boolean isOurs(String route) {
        InetSocketAddress address = addressOf(uriIn(route));
        return address.getPort() == port();
    }

    private static String passOf(String route) {
        int at = route.indexOf(PASS_PARAM);
        if (at < 0) {
            return "";
        }
        int end = at + PASS_PARAM.length();
        while (end < route.length() && Character.isLetter(route.charAt(end))) {
            end++;
        }
        return route.substring(at + PASS_PARAM.length(), end);
    }

    private void send(Message message, InetSocketAddress to) throws IOException {
        byte[] bytes = message.text().getBytes(StandardCharsets.ISO_8859_1);
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    /** RFC 3261 16.11: a stateless proxy's branch is a function of the request's own, the same for a retransmission. */
    private static String branchFor(Message request) {
        String top = request.values("Via").get(0);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(top.getBytes(StandardCharsets.ISO_8859_1));
            return "z9hG4bKcore" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where a response goes by a Via: its received/rport when set, else its sent-by. */
    private static InetSocketAddress viaAddress(String via) {
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

    private static String uriIn(String nameAddr) {
        int open = nameAddr.indexOf('<');
        int close = nameAddr.indexOf('>', open + 1);
        return open >= 0 && close > open ? nameAddr.substring(open + 1, close) : nameAddr.trim();
    }

    /** host:port of a sip: URI (port 5060 when it has none). */
    private static InetSocketAddress addressOf(String uri) {
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

    /** Every value of a header in a message's text, comma-separated values apart. */
    static List<String> header(String message, String name) {
        return Message.parse(message).values(name);
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        receiver.join(5_000);
    }

    /** A SIP message as header lines that can be changed, and the body as it came. */
    private static final class Message {
        private final String startLine;
        private final List<String[]> headers;
        private final String body;

        private Message(String startLine, List<String[]> headers, String body) {
            this.startLine = startLine;
            this.headers = headers;
            this.body = body;
        }

        static Message parse(String text) {
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
                headers.add(new String[] {lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()});
            }
            return new Message(lines[0], headers, body);
        }

        boolean isResponse() {
            return startLine.startsWith("SIP/2.0 ");
        }

        boolean isInitialInvite() {
            return startLine.startsWith("INVITE ") && values("To").stream().noneMatch(to -> to.contains(";tag="));
        }

        String requestUri() {
            return startLine.split(" ")[1];
        }

        String requestUriUser() {
            String uri = requestUri();
            String user = uri.substring(uri.indexOf(':') + 1, uri.indexOf('@'));
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

        void add(String name, String value) {
            headers.add(new String[] {name, value});
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
        private void setAll(String name, List<String> values) {
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
        private static List<String> splitList(String value) {
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
    }

    @Override
    public String toString() {
        return "core on " + HOST + ":" + port() + " (" + requests.size() + " requests, problems: " + problems + ")";
    }
}
