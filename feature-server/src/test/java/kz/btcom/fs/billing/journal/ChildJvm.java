package kz.btcom.fs.billing.journal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a main class of the test classpath in a JVM of its own, with the flags Chronicle needs. */
public final class ChildJvm {

    /** The pom's fs.jvm.opens, for when the test JVM was started without them (an IDE). */
    private static final List<String> CHRONICLE_FLAGS = List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "-Dchronicle.analytics.disable=true");

    private ChildJvm() {
    }

    /** A process builder for {@code java <flags> -cp <this classpath> mainClass args}, stderr to {@code log}. */
    public static ProcessBuilder builder(Class<?> mainClass, Path log, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        command.addAll(CHRONICLE_FLAGS);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    /** The test JVM's own arguments (for a failure message). */
    public static List<String> ownArguments() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments();
    }
}
