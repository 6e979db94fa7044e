package kz.btcom.fs.loadtest.functional;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code loadtest/cluster.sh} as the README runs it: a PostgreSQL of its own, N nodes of the packaged jar on it and
 * Kamailio in front, on free loopback ports, its work directory (logs, data directories, journals) kept in the
 * test's directory. {@link #close()} sends the script SIGTERM, which stops everything it started.
 */
final class ClusterProcess implements AutoCloseable {

    static final String OPERATOR_TOKEN = "operator-token-for-the-cluster-tests";
    static final String TECHNICIAN_TOKEN = "technician-token-for-the-cluster-tests";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(150);
    private static final Pattern NODE_DOWN = Pattern.compile("fs-cluster: node sip:127\\.0\\.0\\.1:(\\d+) down at "
            + "(\\d+)\\.(\\d+)");

    /** One node as the script started it. */
    record Node(int index, int sipPort, int httpPort, long pid, Path dataDir) {
    }

    final int kamailioPort;
    final int calleePort;
    final Path work;
    private final List<Node> nodes;
    private final Process script;
    private final Path output;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ClusterProcess(int kamailioPort, int calleePort, Path work, List<Node> nodes, Process script,
                           Path output) {
        this.kamailioPort = kamailioPort;
        this.calleePort = calleePort;
        this.work = work;
        this.nodes = nodes;
        this.script = script;
        this.output = output;
    }

    /** Starts {@code nodeCount} nodes and Kamailio, returned once the script says "cluster ready". */
    static ClusterProcess start(Path workDir, int nodeCount, Duration lifetime) throws Exception {
        return start(workDir, nodeCount, lifetime, List.of());
    }

    /**
     * Starts {@code nodeCount} nodes on one PostgreSQL without Kamailio: each node's core is {@code 127.0.0.1:corePort}
     * (e.g. a SIPp UAS), and {@code nodeYaml} is added to each node's configuration. The port must be below the
     * ephemeral range ({@link FreePorts#sipOutsideEphemeralRange()}), as the nodes' own are.
     */
    static ClusterProcess startWithCore(Path workDir, int nodeCount, Duration lifetime, int corePort, String nodeYaml)
            throws Exception {
        Path yaml = Files.writeString(Files.createDirectories(workDir).resolve("node-extra.yaml"), nodeYaml);
        return start(workDir, nodeCount, lifetime, List.of("--core", "127.0.0.1:" + corePort,
                "--node-yaml", yaml.toString()));
    }

    private static ClusterProcess start(Path workDir, int nodeCount, Duration lifetime, List<String> moreOptions)
            throws Exception {
        Repository.requireBuiltJar();
        Path work = Files.createDirectories(workDir.resolve("cluster"));
        // Below the ephemeral range: the nodes open their database connections before they bind these.
        int kamailio = FreePorts.sipOutsideEphemeralRange();
        int callee = FreePorts.sipOutsideEphemeralRange();
        List<String> sip = new ArrayList<>();
        List<String> httpPorts = new ArrayList<>();
        for (int i = 0; i < nodeCount; i++) {
            sip.add(String.valueOf(FreePorts.sipOutsideEphemeralRange()));
            httpPorts.add(String.valueOf(FreePorts.sipOutsideEphemeralRange()));
        }
        int postgres = FreePorts.sipOutsideEphemeralRange();
        Path output = workDir.resolve("cluster.out");
        String clusterScript = Repository.root().resolve("loadtest/cluster.sh").toString();
        List<String> command = new ArrayList<>(List.of("bash", clusterScript,
                "--nodes", String.valueOf(nodeCount), "--kamailio-port", String.valueOf(kamailio),
                "--node-sip-ports", String.join(",", sip), "--node-http-ports", String.join(",", httpPorts),
                "--pg-port", String.valueOf(postgres), "--callee", "127.0.0.1:" + callee,
                "--lifetime", String.valueOf(lifetime.toSeconds()), "--work", work.toString()));
        command.addAll(moreOptions);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(Repository.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().keySet().removeIf(key -> key.startsWith("FS_"));
        Process script = builder.start();
        Path env = work.resolve("cluster.env");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.exists(env)) {
            if (!script.isAlive() || System.nanoTime() > deadline) {
                script.destroy();
                script.waitFor(40, TimeUnit.SECONDS);
                throw new IllegalStateException("the cluster did not start:\n" + Files.readString(output));
            }
            Thread.sleep(200);
        }
        Map<String, String> values = new HashMap<>();
        for (String line : Files.readAllLines(env)) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        List<Node> nodes = new ArrayList<>();
        for (int i = 1; i <= nodeCount; i++) {
            nodes.add(new Node(i, Integer.parseInt(values.get("NODE" + i + "_SIP")),
                    Integer.parseInt(values.get("NODE" + i + "_HTTP")), Long.parseLong(values.get("NODE" + i + "_PID")),
                    Path.of(values.get("NODE" + i + "_DATA"))));
        }
        return new ClusterProcess(kamailio, callee, work, List.copyOf(nodes), script, output);
    }

    Node node(int index) {
        return nodes.get(index - 1);
    }

    List<Node> nodes() {
        return nodes;
    }

    AdminClient admin(int node, String token) {
        return new AdminClient("http://127.0.0.1:" + node(node).httpPort(), token);
    }

    /** A metric's value (the sum over its label sets) from a node's /metrics. */
    double metric(int node, String name) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + node(node).httpPort() + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        double sum = 0;
        for (String line : response.body().split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** kill -9 of one node: nothing of it runs on, its data directory stays. */
    void kill(int node) {
        ProcessHandle.of(node(node).pid()).ifPresent(process -> {
            process.destroyForcibly();
            process.onExit().orTimeout(10, TimeUnit.SECONDS).join();
        });
    }

    /** When Kamailio's probes took the node on {@code sipPort} out, by its own clock (epoch milliseconds). */
    Optional<Long> nodeDownAt(int sipPort) throws IOException {
        Matcher down = NODE_DOWN.matcher(Files.readString(work.resolve("kamailio.log"), StandardCharsets.ISO_8859_1));
        while (down.find()) {
            if (Integer.parseInt(down.group(1)) == sipPort) {
                return Optional.of(Long.parseLong(down.group(2)) * 1000 + Long.parseLong(down.group(3)) / 1000);
            }
        }
        return Optional.empty();
    }

    /** The end of every log, for a failure's message. */
    String logTail() {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("cluster.out", "cluster/kamailio.log", "cluster/node1.log", "cluster/node2.log")) {
            Path file = name.equals("cluster.out") ? output : work.getParent().resolve(name);
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
                text.append("--- ").append(name).append(" ---\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())))
                        .append('\n');
            } catch (IOException e) {
                text.append("--- ").append(name).append(": ").append(e).append('\n');
            }
        }
        return text.toString();
    }

    @Override
    public void close() throws InterruptedException {
        script.destroy(); // SIGTERM: the script's trap stops the nodes, Kamailio and PostgreSQL
        if (!script.waitFor(60, TimeUnit.SECONDS)) {
            script.destroyForcibly();
            script.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
