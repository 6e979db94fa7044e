package kz.btcom.fs.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real PostgreSQL for tests: {@code @ExtendWith(LocalPostgres.class)}, then take a {@link PostgresServer}
 * parameter (in a {@code @BeforeAll}, {@code @BeforeEach} or test method) and give each test its own database
 * with {@link PostgresServer#createDatabase()}.
 * <p>
 * One server for the whole test run, started on first use and stopped (its directory deleted) when the run ends.
 * Where the PostgreSQL binaries are missing it installs them with apt-get (CI runs as root on a fresh Debian);
 * when that is impossible the tests fail, saying why: they are not skipped.
 */
public final class LocalPostgres implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalPostgres.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PostgresServer.class;
    }

    @Override
    public PostgresServer resolveParameter(ParameterContext parameter, ExtensionContext context) {
        // The root context's store closes its AutoCloseable values when the whole run ends.
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(PostgresServer.class, type -> PostgresServer.start(), PostgresServer.class);
    }
}
