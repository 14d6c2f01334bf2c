package io.unitrace.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The live OpenAPI document says what a client generator and an integrator need: who may call,
 * which client a request works in, what each operation is for, and what a refusal looks like.
 */
class ApiContractIT extends IntegrationTest {

  private JsonNode doc;

  @BeforeEach
  void readTheDocument() {
    var docs = Api.anonymous(port).get("/v3/api-docs");
    assertThat(docs.status()).isEqualTo(200);
    doc = docs.json();
  }

  @Test
  void theDocumentNamesTheProductItsVersionAndHowToSignIn() {
    assertThat(doc.at("/info/title").asString()).isEqualTo("Unitrace API");
    assertThat(doc.at("/info/version").asString()).isNotBlank().doesNotContain("@");
    assertThat(doc.at("/info/description").asString())
        .contains("X-Tenant", "Idempotency-Key", "application/problem+json")
        .contains("UNITRACE_MAX_BODY_BYTES", "UNITRACE_MAX_UNITS_PER_REQUEST", "413");
    JsonNode schemes = doc.at("/components/securitySchemes");
    assertThat(schemes.at("/basic/type").asString()).isEqualTo("http");
    assertThat(schemes.at("/basic/scheme").asString()).isEqualTo("basic");
    assertThat(schemes.at("/bearer/scheme").asString()).isEqualTo("bearer");
    assertThat(doc.at("/security").toString()).contains("basic").contains("bearer");
  }

  @Test
  void internalArgumentsAreHiddenAndTheTenantHeaderIsDeclared() {
    for (JsonNode operation : operations()) {
      for (JsonNode p : operation.path("parameters")) {
        assertThat(p.path("name").asString())
            .as(operation.path("operationId").asString())
            .isNotIn("scope", "request", "response", "principal", "authentication");
      }
    }
    JsonNode register = doc.at("/paths/~1api~1v1~1units/post");
    assertThat(headers(register)).contains("X-Tenant", "Idempotency-Key");
    JsonNode idempotency = parameter(register, "Idempotency-Key");
    assertThat(idempotency.path("description").asString()).contains("first answer");
    assertThat(parameter(register, "X-Tenant").path("required").asBoolean()).isFalse();
    // Creating a client works across clients: no tenant header there.
    assertThat(headers(doc.at("/paths/~1api~1v1~1tenants/post"))).doesNotContain("X-Tenant");
  }

  @Test
  void everyOperationHasASummaryAndDescribedParameters() {
    List<String> undescribed = new ArrayList<>();
    List<String> bareParameters = new ArrayList<>();
    doc.path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        op -> {
                          String name = op.getKey().toUpperCase() + " " + path.getKey();
                          if (op.getValue().path("summary").asString("").isBlank()) {
                            undescribed.add(name);
                          }
                          for (JsonNode p : op.getValue().path("parameters")) {
                            if (p.path("description").asString("").isBlank()) {
                              bareParameters.add(name + " " + p.path("name").asString());
                            }
                          }
                        }));
    assertThat(undescribed).as("operations without a summary").isEmpty();
    assertThat(bareParameters).as("parameters without a description").isEmpty();
  }

  @Test
  void refusalsAreDocumentedAsProblemDetails() {
    JsonNode problem = doc.at("/components/schemas/Problem/properties");
    assertThat(problem.propertyNames())
        .contains("type", "title", "status", "detail", "code", "field");
    JsonNode move = doc.at("/paths/~1api~1v1~1units~101~1{gtin}~121~1{serial}~1move/post");
    for (String status : List.of("400", "401", "403", "404", "409", "422", "413", "429")) {
      assertThat(
              move.at("/responses/" + status + "/content/application~1problem+json/schema/$ref")
                  .asString())
          .as(status)
          .isEqualTo("#/components/schemas/Problem");
    }
    // The public warranty registration needs no sign-in, so it promises no 401.
    JsonNode publicRegistration =
        doc.at("/paths/~1api~1v1~1public~1{client}~1warranty-registrations/post");
    assertThat(publicRegistration.path("security").isArray()).isTrue();
    assertThat(publicRegistration.path("security")).isEmpty();
    assertThat(publicRegistration.at("/responses/401").isMissingNode()).isTrue();
    // Throttled sign-ins, and the public registration's own rate limit, say when to come back.
    assertThat(move.at("/responses/429/headers/Retry-After/schema/type").asString())
        .isEqualTo("integer");
    assertThat(move.at("/responses/429/description").asString()).contains("failed sign-ins");
    assertThat(publicRegistration.at("/responses/429/description").asString())
        .contains("from this address");
  }

  @Test
  void eachRecordHasItsOwnSchemaSoTheReceiptScanBodyIsComplete() {
    String ref =
        doc.at(
                "/paths/~1api~1v1~1receipts~1{id}~1scans/post/requestBody/content/application~1json/schema/$ref")
            .asString();
    assertThat(ref).isEqualTo("#/components/schemas/ReceivingApiScanBody");
    assertThat(doc.at("/components/schemas/ReceivingApiScanBody/properties").propertyNames())
        .contains("scan", "gtin", "lot", "quantity", "damaged");
    assertThat(
            doc.at("/components/schemas/ReceivingApiScanBody/properties/damaged/description")
                .asString())
        .contains("DAMAGED hold");
    assertThat(doc.at("/components/schemas").propertyNames())
        .contains("PutawayApiGoods", "CountsApiScanBody", "UnitsApiScanBody")
        .doesNotContain("ScanBody");
  }

  @Test
  void theMainRequestsCarryExamples() {
    JsonNode register =
        doc.at("/paths/~1api~1v1~1units/post/requestBody/content/application~1json/examples");
    assertThat(register.toString()).contains("09506000134352").contains("DOCK-1");
    assertThat(
            doc.at(
                    "/paths/~1api~1v1~1orders/post/requestBody/content/text~1csv/examples/orders/value")
                .asString())
        .startsWith("channel,channelOrderId");
  }

  private List<JsonNode> operations() {
    List<JsonNode> all = new ArrayList<>();
    doc.path("paths").forEach(item -> item.forEach(all::add));
    return all;
  }

  private static List<String> headers(JsonNode operation) {
    List<String> names = new ArrayList<>();
    for (JsonNode p : operation.path("parameters")) {
      if ("header".equals(p.path("in").asString())) {
        names.add(p.path("name").asString());
      }
    }
    return names;
  }

  private static JsonNode parameter(JsonNode operation, String name) {
    for (JsonNode p : operation.path("parameters")) {
      if (name.equals(p.path("name").asString())) {
        return p;
      }
    }
    throw new AssertionError(name + " is not a parameter of " + operation);
  }
}
