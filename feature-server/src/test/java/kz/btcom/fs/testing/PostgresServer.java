package kz.btcom.fs.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of its own for the tests: a fresh cluster in a temporary directory, on a free port of
 * 127.0.0.1 (never 5432, never the machine's own cluster), trusting local TCP connections only, tuned for speed
 * rather than durability. {@link LocalPostgres} starts one per test run; {@link #close} stops it and deletes it.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "postgres";

    private static final Duration INITDB_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int START_ATTEMPTS = 3;
    private static final int MACHINE_CLUSTER_PORT = 5432;

    private final Path bin;
    private final Path directory;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();
    private final Thread stopAtExit = new Thread(this::stop, "stop-test-postgres");
    private boolean stopped;

    private PostgresServer(Path bin, Path directory, int port) {
        this.bin = bin;
        this.directory = directory;
        this.port = port;
    }

    /** Finds (or installs) the binaries, creates a cluster and starts it; fails with the reason and the log. */
    public static PostgresServer start() {
        Path bin = PostgresBinaries.findOrInstall();
        Path directory = newDirectory();
        try {
            initdb(bin, directory);
        } catch (RuntimeException e) {
            deleteRecursively(directory);
            throw e;
        }
        IllegalStateException lastFailure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = freePort();
            try {
                pgCtl(bin, directory, "start PostgreSQL on port " + port, START_TIMEOUT.plusSeconds(30),
                        "-w", "-t", String.valueOf(START_TIMEOUT.toSeconds()), "-l",
                        directory.resolve("server.log").toString(), "-o", serverOptions(directory, port), "start");
                PostgresServer server = new PostgresServer(bin, directory, port);
                Runtime.getRuntime().addShutdownHook(server.stopAtExit);
                return server;
            } catch (IllegalStateException e) {
                // Most likely another process took the port between our probe and the server's bind.
                lastFailure = e;
                stopQuietly(bin, directory);
            }
        }
        deleteRecursively(directory);
        throw lastFailure;
    }

    public int port() {
        return port;
    }

    /** The PostgreSQL major version of the binaries, e.g. "15". */
    public String version() {
        return bin.getParent().getFileName().toString();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /**
     * A new, empty database for one test, with ICU's English collation where the server has it: like a
     * production database, its default order is not the order of character codes.
     *
     * @return its JDBC URL (user {@link #USER}, no password)
     */
    public String createDatabase() {
        String name = "fs_test_" + databases.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
             Statement statement = connection.createStatement()) {
            try {
                statement.execute("CREATE DATABASE " + name
                        + " TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US'");
            } catch (SQLException noIcu) {
                statement.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on " + jdbcUrl("postgres") + ": "
                    + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    /** Stops the server as a database that goes down does, keeping its data; {@link #resume} starts it again. */
    public synchronized void pause() {
        pgCtl(bin, directory, "stop PostgreSQL for a while", STOP_TIMEOUT.plusSeconds(10), "-w", "-t",
                String.valueOf(STOP_TIMEOUT.toSeconds()), "-m", "fast", "stop");
    }

    /** Starts a {@link #pause paused} server again, on its port. */
    public synchronized void resume() {
        pgCtl(bin, directory, "start PostgreSQL again on port " + port, START_TIMEOUT.plusSeconds(30), "-w", "-t",
                String.valueOf(START_TIMEOUT.toSeconds()), "-l", directory.resolve("server.log").toString(), "-o",
                serverOptions(directory, port), "start");
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it does the same.
        }
    }

    private synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            pgCtl(bin, directory, "stop PostgreSQL", STOP_TIMEOUT.plusSeconds(10), "-w", "-t",
                    String.valueOf(STOP_TIMEOUT.toSeconds()), "-m", "fast", "stop");
        } catch (IllegalStateException e) {
            stopQuietly(bin, directory);
        } finally {
            deleteRecursively(directory);
        }
    }

    private static String serverOptions(Path directory, int port) {
        return "-p " + port + " -k " + directory.resolve("sockets") + " -c listen_addresses=127.0.0.1"
                + " -c unix_socket_permissions=0700 -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
    }

    private static void initdb(Path bin, Path directory) {
        Path data = directory.resolve("data");
        OsCommand.run("initdb", OsCommand.asPostgresUser(List.of(bin.resolve("initdb").toString(), "-D",
                        data.toString(), "-U", USER, "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync")),
                directory, directory.resolve("commands.log"), INITDB_TIMEOUT);
        // Only TCP from this machine: no socket logins, nothing from the network.
        Path hba = data.resolve("pg_hba.conf");
        try {
            Files.writeString(hba, "host all all 127.0.0.1/32 trust\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + hba, e);
        }
        giveToPostgresUser(hba);
    }

    private static void pgCtl(Path bin, Path directory, String what, Duration timeout, String... arguments) {
        List<String> command = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D",
                directory.resolve("data").toString()));
        command.addAll(List.of(arguments));
        OsCommand.run(what, OsCommand.asPostgresUser(command), directory, directory.resolve("commands.log"), timeout);
    }

    private static void stopQuietly(Path bin, Path directory) {
        try {
            pgCtl(bin, directory, "stop PostgreSQL at once", STOP_TIMEOUT, "-w", "-m", "immediate", "stop");
        } catch (IllegalStateException notRunning) {
            // Nothing was running, or there is nothing more we can do.
        }
    }

    private static Path newDirectory() {
        try {
            // Under /tmp, not target/: the postgres user must be able to reach it, and /root is closed to it.
            Path directory = Files.createTempDirectory("fs-postgres-");
            Path sockets = Files.createDirectory(directory.resolve("sockets"));
            giveToPostgresUser(directory);
            giveToPostgresUser(sockets);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the test PostgreSQL", e);
        }
    }

    private static void giveToPostgresUser(Path path) {
        if (!OsCommand.isRoot()) {
            return;
        }
        try {
            UserPrincipalLookupService users = FileSystems.getDefault().getUserPrincipalLookupService();
            GroupPrincipal group = users.lookupPrincipalByGroupName(USER);
            Files.setOwner(path, users.lookupPrincipalByName(USER));
            Files.getFileAttributeView(path, PosixFileAttributeView.class).setGroup(group);
        } catch (IOException e) {
            throw new IllegalStateException("cannot give " + path + " to the OS user '" + USER + "' (the "
                    + "postgresql package creates it): " + e, e);
        }
    }

    private static int freePort() {
        for (int attempt = 0; attempt < 10; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                if (socket.getLocalPort() != MACHINE_CLUSTER_PORT) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
            }
        }
        throw new IllegalStateException("no free port on 127.0.0.1 but 5432");
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("could not delete the test PostgreSQL directory " + directory + ": " + e);
        }
    }
}
