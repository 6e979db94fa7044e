package kz.btcom.fs.admin;

import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The HTTP interface's resources. /health and /metrics need no token; /api/v1 (to come) will. */
public final class AdminRoutes {

    private AdminRoutes() {
    }

    public static Router create(Health health, PrometheusRegistry metrics) {
        return Router.builder()
                .get("/health", new HealthEndpoint(health))
                .get("/metrics", new MetricsEndpoint(metrics))
                .build();
    }
}
