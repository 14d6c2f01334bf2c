package io.unitrace.tenancy;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Metrics are for an ADMIN or the scraper's token; health stays open for load balancers. */
class ActuatorAccessIT extends TightLimitsTest {

  private int status(String path, String authorization) {
    var b = request(path).GET();
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return send(b.build()).statusCode();
  }

  @Test
  void prometheusIsRefusedWithoutTheRoleOrTheToken() {
    String operator = unique("op").toLowerCase();
    admin.post(
        "/api/v1/users",
        map(
            "username",
            operator,
            "password",
            "operator-pass-1",
            "role",
            "OPERATOR",
            "tenants",
            list()));

    assertThat(status("/actuator/prometheus", null)).isEqualTo(401);
    assertThat(status("/actuator/prometheus", basic(operator, "operator-pass-1"))).isEqualTo(403);
    assertThat(status("/actuator/metrics", basic(operator, "operator-pass-1"))).isEqualTo(403);
    assertThat(status("/actuator/prometheus", "Bearer not-the-token")).isEqualTo(401);
    assertThat(status("/actuator/prometheus", basic("admin", ADMIN_PASSWORD))).isEqualTo(200);
    assertThat(status("/actuator/prometheus", "Bearer " + METRICS_TOKEN)).isEqualTo(200);
    assertThat(status("/actuator/metrics", "Bearer " + METRICS_TOKEN)).isEqualTo(200);
    assertThat(status("/actuator/health", null)).isEqualTo(200);
  }

  @Test
  void theMetricsTokenOpensNothingElse() {
    assertThat(status("/api/v1/me", "Bearer " + METRICS_TOKEN)).isEqualTo(401);
    assertThat(status("/units/lookup", "Bearer " + METRICS_TOKEN)).isEqualTo(302);
  }
}
