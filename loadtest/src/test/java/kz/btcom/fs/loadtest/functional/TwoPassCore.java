package kz.btcom.fs.loadtest.functional;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
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

    /** Where the callers send their INVITEs. */
    InetSocketAddress address() {
        return new InetSocketAddress(HOST, port());
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
                route(SipMessage.parse(text));
            } catch (RuntimeException | IOException e) {
                problems.add(e + " routing:\n" + text);
            }
        }
    }

    private void route(SipMessage message) throws IOException {
        if (message.isResponse()) {
            message.popVia();
            InetSocketAddress next = SipMessage.viaAddress(message.values("Via").get(0));
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
    private InetSocketAddress initialInvite(SipMessage invite) {
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
    private InetSocketAddress inDialog(SipMessage request) {
        List<String> routes = new ArrayList<>(request.values("Route"));
        if (!routes.isEmpty() && isOurs(routes.get(0))) {
            routes.remove(0);
        }
        request.setRoutes(routes);
        return SipMessage.addressOf(routes.isEmpty() ? request.requestUri() : SipMessage.uriIn(routes.get(0)));
    }

    private InetSocketAddress server() {
        return new InetSocketAddress(HOST, serverPort);
    }

    private boolean isOurs(String route) {
        InetSocketAddress address = SipMessage.addressOf(SipMessage.uriIn(route));
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

    private void send(SipMessage message, InetSocketAddress to) throws IOException {
        byte[] bytes = message.text().getBytes(StandardCharsets.ISO_8859_1);
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    /** RFC 3261 16.11: a stateless proxy's branch is a function of the request's own, the same for a retransmission. */
    private static String branchFor(SipMessage request) {
        String top = request.values("Via").get(0);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(top.getBytes(StandardCharsets.ISO_8859_1));
            return "z9hG4bKcore" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every value of a header in a message's text, comma-separated values apart. */
    static List<String> header(String message, String name) {
        return SipMessage.parse(message).values(name);
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        receiver.join(5_000);
    }

    @Override
    public String toString() {
        return "core on " + HOST + ":" + port() + " (" + requests.size() + " requests, problems: " + problems + ")";
    }
}
