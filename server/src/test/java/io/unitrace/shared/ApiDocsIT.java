package io.unitrace.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What an integrator and an operations team find without signing in: the API description, health
 * and metrics.
 */
class ApiDocsIT extends IntegrationTest {

  private static final HttpClient BROWSER =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

  @Test
  void theOpenApiDescriptionListsTheUnitsDigitalLinkPath() {
    var docs = Api.anonymous(port).get("/v3/api-docs");
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.contentType()).contains("json");
    JsonNode json = docs.json();
    assertThat(json.path("openapi").asString()).startsWith("3.");
    assertThat(json.path("info").path("title").isMissingNode()).isFalse();
    JsonNode unit = json.path("paths").path("/api/v1/units/01/{gtin}/21/{serial}");
    assertThat(unit.path("get").isObject())
        .as("GET of a unit by its Digital Link path is documented")
        .isTrue();
    assertThat(unit.path("get").path("parameters").toString())
        .contains("\"gtin\"")
        .contains("\"serial\"");
    assertThat(
            json.path("paths")
                .path("/api/v1/units/01/{gtin}/21/{serial}/history")
                .path("get")
                .isObject())
        .isTrue();
    json.path("paths")
        .propertyNames()
        .forEach(path -> assertThat(path).as("only the API is described").startsWith("/api/"));
  }

  @Test
  void swaggerUiLoads() throws Exception {
    HttpResponse<String> page =
        BROWSER.send(
            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/swagger-ui.html"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.uri().getPath()).contains("swagger-ui");
    assertThat(page.body()).containsIgnoringCase("swagger-ui");
  }

  @Test
  void healthIsUpWithoutSigningIn() {
    var health = Api.anonymous(port).get("/actuator/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.at("/status").asString()).isEqualTo("UP");
    assertThat(Api.anonymous(port).get("/actuator/health/readiness").at("/status").asString())
        .isEqualTo("UP");
  }

  @Test
  void prometheusExposesHttpRequestMetricsOfTheApi() {
    assertThat(admin.get("/api/v1/me").status()).isEqualTo(200);
    // Metrics are for an ADMIN or the metrics token (Security); anonymous callers get 401.
    assertThat(Api.anonymous(port).get("/actuator/prometheus").status()).isEqualTo(401);
    var metrics = admin.get("/actuator/prometheus");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.body()).contains("http_server_requests_seconds_count{");
    assertThat(
            metrics
                .body()
                .lines()
                .filter(
                    l ->
                        l.startsWith("http_server_requests_seconds_count{")
                            && l.contains("uri=\"/api/v1/me\"")))
        .isNotEmpty();
  }
}
