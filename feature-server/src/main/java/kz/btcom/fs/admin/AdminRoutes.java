package kz.btcom.fs.admin;

import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The HTTP interface's resources. /health and /metrics need no token; everything under /api/v1 does; the console
 * needs none to be fetched, and asks its user for one to call the API with.
 */
public final class AdminRoutes {

    /** Where the operator and technician API is mounted. */
    public static final String API_V1 = "/api/v1";
    /** Where the operators' and technicians' web console is served. */
    public static final String CONSOLE = "/console";

    private AdminRoutes() {
    }

    /** @param apiV1 the API ({@code kz.btcom.fs.admin.api.ApiV1.routes}), mounted at {@value #API_V1} */
    public static Router create(Health health, PrometheusRegistry metrics, RequestHandler apiV1) {
        return Router.builder()
                .get("/health", new HealthEndpoint(health))
                .get("/metrics", new MetricsEndpoint(metrics))
                .mount(API_V1, apiV1)
                .build();
    }

    /**
     * @param apiV1   the API, mounted at {@value #API_V1}
     * @param console the web console's files ({@code kz.btcom.fs.admin.console.ConsoleFiles}), mounted at
     *                {@value #CONSOLE}
     */
    public static Router create(Health health, PrometheusRegistry metrics, RequestHandler apiV1,
                                RequestHandler console) {
        return Router.builder()
                .get("/health", new HealthEndpoint(health))
                .get("/metrics", new MetricsEndpoint(metrics))
                .mount(API_V1, apiV1)
                .mount(CONSOLE, console)
                .build();
    }

    /** Health and metrics only: for a server started without the API. */
    public static Router create(Health health, PrometheusRegistry metrics) {
        return Router.builder()
                .get("/health", new HealthEndpoint(health))
                .get("/metrics", new MetricsEndpoint(metrics))
                .build();
    }
}
