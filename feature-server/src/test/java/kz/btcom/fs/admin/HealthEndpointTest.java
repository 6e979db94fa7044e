package kz.btcom.fs.admin;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What /health says through a server's life. Regression: it said "up" while the SIP side was still starting, and a
 * caller that believed it found no SIP listener (the TCP end-to-end run failed with "connection refused").
 */
class HealthEndpointTest {

    @Test
    void aStartingServerIsNotUpUntilItTakesCallsAndSaysStoppingOnceShutdownBegan() {
        Health health = Health.startingUp();
        HealthEndpoint endpoint = new HealthEndpoint(health);

        assertEquals(503, endpoint.handle(null).status());
        assertEquals("{\"status\":\"starting\"}", endpoint.handle(null).bodyText());
        health.markUp();
        assertEquals(200, endpoint.handle(null).status());
        assertEquals("{\"status\":\"up\"}", endpoint.handle(null).bodyText());
        health.markStopping();
        assertEquals(503, endpoint.handle(null).status());
        assertEquals("{\"status\":\"stopping\"}", endpoint.handle(null).bodyText());
    }
}
