package kz.btcom.fs.admin;

import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The HTTP interface's resources. /health and /metrics need no token; everything under /api/v1 does. */
public final class AdminRoutes {

    /** Where the operator and technician API is mounted. */
    public static final String API_V1 = "/api/v1";

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

    /** Health and metrics only: for a server started without the API. */
    public static Router create(Health health, PrometheusRegistry metrics) {
        return Router.builder()
                .get("/health", new HealthEndpoint(health))
                .get("/metrics", new MetricsEndpoint(metrics))
                .build();
    }
}
