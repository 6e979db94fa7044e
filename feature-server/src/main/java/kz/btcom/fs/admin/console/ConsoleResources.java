package kz.btcom.fs.admin.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

/**
 * The console's files on the class path, inside the server's jar: its own under {@value #OWN}, and the chart
 * library from its WebJar under {@code vendor/uplot/}. A name is looked up only once it is plainly a file name
 * (segments of letters, digits, '-', '_', none starting with a dot), so no request can reach a resource outside
 * these directories, whatever it spells.
 */
final class ConsoleResources {

    static final String OWN = "kz/btcom/fs/admin/console/";
    static final String UPLOT = "vendor/uplot/";

    private static final Logger log = LoggerFactory.getLogger(ConsoleResources.class);
    private static final Pattern FILE_NAME =
            Pattern.compile("([A-Za-z0-9][A-Za-z0-9_-]*/)*[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)+");
    private static final String UPLOT_POM = "META-INF/maven/org.webjars.npm/uplot/pom.properties";

    private final ClassLoader loader;
    /** Name prefix in the console to the class path directory that holds those files. */
    private final Map<String, String> directories;
    /** Only files found: an unknown name is looked up again, so nobody can fill this with misses. */
    private final ConcurrentMap<String, StaticFile> found = new ConcurrentHashMap<>();

    ConsoleResources(ClassLoader loader) {
        this.loader = loader;
        this.directories = uplotVersion(loader)
                .map(version -> Map.of(UPLOT, "META-INF/resources/webjars/uplot/" + version + "/dist/"))
                .orElseGet(Map::of);
    }

    static ConsoleResources onClassPath() {
        return new ConsoleResources(ConsoleResources.class.getClassLoader());
    }

    /** @param name relative to /console/, e.g. {@code js/app.js} */
    Optional<StaticFile> find(String name) {
        StaticFile cached = found.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        if (!isFileName(name)) {
            return Optional.empty();
        }
        String type = StaticFile.contentTypeOf(name).orElseThrow();
        Optional<StaticFile> file = read(resourceOf(name)).map(bytes -> new StaticFile(name, type, bytes));
        file.ifPresent(f -> found.put(name, f));
        return file;
    }

    /** Whether finding {@code name} means reading the jar: not when it is in memory, nor when it is refused. */
    boolean needsReading(String name) {
        return !found.containsKey(name) && isFileName(name);
    }

    private static boolean isFileName(String name) {
        return StaticFile.contentTypeOf(name).isPresent() && FILE_NAME.matcher(name).matches();
    }

    private String resourceOf(String name) {
        for (Map.Entry<String, String> directory : directories.entrySet()) {
            if (name.startsWith(directory.getKey())) {
                return directory.getValue() + name.substring(directory.getKey().length());
            }
        }
        return OWN + name;
    }

    private Optional<byte[]> read(String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + " from the class path", e);
        }
    }

    /** The WebJar's version, from its Maven metadata, so the pom alone says which uPlot the console gets. */
    private static Optional<String> uplotVersion(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(UPLOT_POM)) {
            if (in == null) {
                log.warn("{} is not on the class path: the console's charts will not draw", UPLOT_POM);
                return Optional.empty();
            }
            Properties pom = new Properties();
            pom.load(in);
            return Optional.ofNullable(pom.getProperty("version"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + UPLOT_POM, e);
        }
    }
}
