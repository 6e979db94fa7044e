package kz.btcom.fs.loadtest.functional;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** A tool the tests run, installed from Debian's packages with apt when the machine does not have it. */
final class DebianPackage {

    private DebianPackage() {
    }

    /** Installs {@code debianPackage} unless {@code command} is on the PATH already (as root, or with sudo). */
    static void ensureInstalled(String command, String debianPackage) throws IOException, InterruptedException {
        Process check = new ProcessBuilder("bash", "-c", "command -v " + command).redirectErrorStream(true).start();
        if (check.waitFor() == 0) {
            return;
        }
        Process install = new ProcessBuilder("bash", "-c",
                "sudo=; [ \"$(id -u)\" -ne 0 ] && sudo=sudo; $sudo apt-get update -q"
                        + " && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q " + debianPackage)
                .inheritIO().start();
        if (!install.waitFor(600, TimeUnit.SECONDS) || install.exitValue() != 0) {
            throw new IllegalStateException(command + " is missing and apt-get install " + debianPackage + " failed");
        }
    }
}
