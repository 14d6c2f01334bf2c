package io.unitrace.tenancy;

import static io.unitrace.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.Site;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** One client cannot send what would exhaust the server: bodies and unit counts are bounded. */
class RequestLimitsIT extends TightLimitsTest {

  private Site site;

  @BeforeEach
  void site() {
    site = Site.create(admin);
  }

  private Map<String, Object> registration(int count, String reason) {
    List<Object> units = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      units.add(map("gtin", site.gtin, "serial", "LIM-" + i));
    }
    return map("location", site.dock, "units", units, "reason", reason);
  }

  private int unitsOfTheSite() {
    return site.api.get("/api/v1/units?gtin=" + site.gtin + "&limit=200").at("/items").size();
  }

  @Test
  void aRequestOfTheLimitsWorthOfUnitsIsTaken() {
    var r = site.api.post("/api/v1/units", registration(50, null), unique("key"));
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(unitsOfTheSite()).isEqualTo(50);
  }

  @Test
  void oneUnitOverTheLimitIsRefusedNamingTheLimitAndWritesNothing() {
    var r = site.api.post("/api/v1/units", registration(51, null), unique("key"));
    assertThat(r.status()).as(r.toString()).isEqualTo(413);
    assertThat(r.contentType()).isEqualTo("application/problem+json");
    assertThat(r.problemCode()).isEqualTo("too-many-units");
    assertThat(r.at("/field").asString()).isEqualTo("units");
    assertThat(r.at("/limit").asString()).isEqualTo("unitrace.limits.max-units-per-request");
    assertThat(r.at("/max").asInt()).isEqualTo(50);
    assertThat(r.at("/received").asInt()).isEqualTo(51);
    assertThat(unitsOfTheSite()).isZero();
  }

  @Test
  void aBodyDeclaredOverTheSizeLimitIsRefusedUnreadAndWritesNothing() {
    var r = site.api.post("/api/v1/units", registration(10, "x".repeat(70_000)), unique("key"));
    assertThat(r.status()).as(r.toString()).isEqualTo(413);
    assertThat(r.problemCode()).isEqualTo("body-too-large");
    assertThat(r.at("/limit").asString()).isEqualTo("unitrace.limits.max-body-bytes");
    assertThat(r.at("/max").asInt()).isEqualTo(65536);
    assertThat(r.at("/received").asLong()).isGreaterThan(65536);
    assertThat(unitsOfTheSite()).isZero();
  }

  @Test
  void aChunkedBodyIsCutOffAtTheSizeLimitAndWritesNothing() throws Exception {
    byte[] body =
        Api.JSON
            .writeValueAsString(registration(10, "y".repeat(67_000)))
            .getBytes(StandardCharsets.UTF_8);
    var r =
        send(
            request("/api/v1/units")
                .header("Authorization", basic("admin", ADMIN_PASSWORD))
                .header("X-Tenant", site.tenant)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", unique("key"))
                // No length: sent chunked, so only counting the bytes read can stop it.
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
    JsonNode problem = Api.JSON.readTree(r.body());
    assertThat(problem.path("code").asString()).isEqualTo("body-too-large");
    assertThat(problem.path("max").asInt()).isEqualTo(65536);
    assertThat(unitsOfTheSite()).isZero();
  }
}
