package kz.btcom.fs.admin.console;

import kz.btcom.fs.admin.AdminRequest;
import kz.btcom.fs.admin.AdminResponse;
import kz.btcom.fs.admin.AdminRoutes;
import kz.btcom.fs.admin.RequestHandler;

import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /console} and the files under it: the operators' and technicians' web console, static files from
 * the jar that speak to the server only through the public API, as any other client (PRODUCT.md). It needs no
 * token: the page asks for one and sends it with each API call, and the API decides what it may do.
 *
 * <p>Every file goes out with a Content-Security-Policy that lets the page load and call nothing but this server,
 * and that stops a form from ever being sent by the browser itself (with the token in a URL) should a script
 * not run.
 */
public final class ConsoleFiles implements RequestHandler {

    private static final String PATH = AdminRoutes.CONSOLE;
    static final String INDEX = "index.html";

    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer");

    private final ConsoleResources resources;

    ConsoleFiles(ConsoleResources resources) {
        this.resources = resources;
    }

    /** The console as shipped in the jar. */
    public static ConsoleFiles fromJar() {
        return new ConsoleFiles(ConsoleResources.onClassPath());
    }

    @Override
    public AdminResponse handle(AdminRequest request) {
        if (!request.method().equals("GET")) {
            return AdminResponse.error(405, request.method() + " is not allowed on " + request.path())
                    .withHeader("Allow", "GET");
        }
        Optional<StaticFile> file = nameOf(request.path()).flatMap(resources::find);
        if (file.isEmpty()) {
            return AdminResponse.error(404, "no such file in the console: " + request.path());
        }
        return new AdminResponse(200, file.get().contentType(), file.get().body(), HEADERS);
    }

    /** The first read of a file comes from the jar; after that it is in memory, and the event loop may answer. */
    @Override
    public boolean mayBlock(AdminRequest request) {
        return nameOf(request.path()).map(resources::needsReading).orElse(false);
    }

    /** The file name under /console/; the page itself for /console and /console/. */
    private static Optional<String> nameOf(String path) {
        if (path.equals(PATH) || path.equals(PATH + "/")) {
            return Optional.of(INDEX);
        }
        if (!path.startsWith(PATH + "/")) {
            return Optional.empty();
        }
        return Optional.of(path.substring(PATH.length() + 1));
    }
}
