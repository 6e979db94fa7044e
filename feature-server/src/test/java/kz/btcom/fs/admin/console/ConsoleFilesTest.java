package kz.btcom.fs.admin.console;

import kz.btcom.fs.admin.AdminRequest;
import kz.btcom.fs.admin.AdminResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /console and its files, from the class path as the jar has them, without a socket. */
class ConsoleFilesTest {

    private final ConsoleFiles console = ConsoleFiles.fromJar();

    private AdminResponse get(String path) {
        return console.handle(AdminRequest.of("GET", path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/console", "/console/", "/console/index.html"})
    void theConsoleIsItsPageAsHtml(String path) {
        AdminResponse response = get(path);

        assertEquals(200, response.status());
        assertEquals("text/html; charset=utf-8", response.contentType());
        assertTrue(response.bodyText().contains("<script type=\"module\" src=\"/console/js/app.js\">"));
    }

    @Test
    void eachKindOfFileComesWithItsContentType() {
        assertEquals("text/javascript; charset=utf-8", get("/console/js/app.js").contentType());
        assertEquals("text/javascript; charset=utf-8", get("/console/js/lang/ru.js").contentType());
        assertEquals("text/css; charset=utf-8", get("/console/console.css").contentType());
        assertEquals("image/svg+xml", get("/console/icon.svg").contentType());
    }

    @Test
    void theChartLibraryComesFromItsWebJarInTheJar() {
        AdminResponse module = get("/console/vendor/uplot/uPlot.esm.js");
        AdminResponse styles = get("/console/vendor/uplot/uPlot.min.css");

        assertEquals(200, module.status());
        assertEquals("text/javascript; charset=utf-8", module.contentType());
        assertTrue(module.bodyText().contains("export { uPlot as default }"));
        assertEquals("text/css; charset=utf-8", styles.contentType());
    }

    @Test
    void everyFileTellsTheBrowserToLoadAndCallNothingButThisServer() {
        AdminResponse response = get("/console");

        String policy = response.headers().get("Content-Security-Policy");
        assertTrue(policy.startsWith("default-src 'none'; script-src 'self';"), policy);
        assertTrue(policy.contains("connect-src 'self'"), policy);
        assertTrue(policy.contains("form-action 'none'"), "no form is ever sent by the browser itself: " + policy);
        assertEquals("nosniff", response.headers().get("X-Content-Type-Options"));
        assertEquals("no-referrer", response.headers().get("Referrer-Policy"));
    }

    /** Netty hands the router the path with its %-escapes decoded, so these are what an attacker can make. */
    @ParameterizedTest
    @ValueSource(strings = {
        "/console/../pom.xml",
        "/console/../../../../etc/passwd",
        "/console/js/../../../kz/btcom/fs/config/feature-server.yaml",
        "/console/js/../index.html",
        "/console/./index.html",
        "/console//index.html",
        "/console/.index.html",
        "/console/js\\app.js",
        "/console/vendor/uplot/../../../../META-INF/MANIFEST.MF",
        "/console/vendor/uplot/../package.json",
        "/console/%2e%2e/pom.xml",
        "/console/index.html\u0000.js",
        "/console/index.html/",
    })
    void aPathThatLeavesTheConsolesDirectoriesIs404(String path) {
        AdminResponse response = get(path);

        assertEquals(404, response.status(), path);
        assertEquals(AdminResponse.JSON, response.contentType());
        assertTrue(response.bodyText().startsWith("{\"error\":\"no such file in the console: "), response.bodyText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/console/nothing.js", "/console/js", "/console/js/", "/console/ConsoleFiles.class",
        "/console/StaticFile.class", "/console/vendor/uplot/uPlot.d.ts", "/console/vendor/uplot/README.md"})
    void anUnknownFileOrKindOfFileIs404(String path) {
        assertEquals(404, get(path).status(), path);
    }

    @Test
    void onlyGetIsAnswered() {
        AdminResponse response = console.handle(AdminRequest.of("POST", "/console/index.html"));

        assertEquals(405, response.status());
        assertEquals("GET", response.headers().get("Allow"));
        assertEquals("{\"error\":\"POST is not allowed on /console/index.html\"}", response.bodyText());
    }

    @Test
    void aFileReadOnceIsServedWithoutWaitingOnTheJar() {
        AdminRequest request = AdminRequest.of("GET", "/console/js/api.js");
        assertTrue(console.mayBlock(request), "the first read comes from the jar");

        console.handle(request);

        assertFalse(console.mayBlock(request));
        assertFalse(console.mayBlock(AdminRequest.of("GET", "/console/../x.js")), "a refusal waits on nothing");
    }

    @Test
    void theFilesAreTheJarsBytes() throws Exception {
        byte[] expected;
        try (var in = getClass().getClassLoader().getResourceAsStream("kz/btcom/fs/admin/console/js/app.js")) {
            expected = in.readAllBytes();
        }

        assertEquals(new String(expected, StandardCharsets.UTF_8), get("/console/js/app.js").bodyText());
    }
}
