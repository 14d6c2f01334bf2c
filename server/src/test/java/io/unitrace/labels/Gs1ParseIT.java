package io.unitrace.labels;

import static io.unitrace.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.gs1.Gs1;
import io.unitrace.gs1.Gs1Json;
import io.unitrace.gs1.Gs1SyntaxException;
import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import io.unitrace.support.Site;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** POST /api/v1/gs1/parse answers what the GS1 command line answers, byte for byte, over HTTP. */
class Gs1ParseIT extends IntegrationTest {

  private static final Map<String, String> TEXT =
      Map.of("Content-Type", "text/plain; charset=UTF-8");

  private static final List<String> VALID =
      List.of(
          "(01)09506000134352(17)201225(10)ABC123(21)XYZ",
          "]d2010950600013435217201225\u001d10ABC123\u001d21XYZ",
          "]C1" + "00095060001234567893",
          "https://id.gs1.org/01/09506000134352/10/AB%2FC/21/XYZ?17=201225",
          "]Q1https://example.com/dl/01/09506000134352/21/S%2F1",
          "09506000134352",
          "]d1Grüße aus Köln",
          "(01)09506000134352(21)XYZ\r\n");

  @Test
  void aValidScanGetsExactlyTheCommandLinesJsonAsTextOrAsJson() {
    for (String scan : VALID) {
      String expected = Gs1Json.toJson(Gs1.parse(scan));

      Api.Response asText = admin.send("POST", "/api/v1/gs1/parse", scan, TEXT);
      Api.Response asJson = admin.post("/api/v1/gs1/parse", map("scan", scan));

      for (Api.Response r : List.of(asText, asJson)) {
        assertThat(r.status()).as(scan + " -> " + r).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.body()).as(scan).isEqualTo(expected);
      }
    }
  }

  @Test
  void anInvalidScanGetsA422ProblemThatAlsoCarriesTheCommandLinesError() {
    for (String scan :
        List.of(
            "(01)09506000134353",
            "(10)AB CD",
            "",
            "]A0ABC",
            "https://id.gs1.org/01/09506000134352?lot=ABC",
            "(17)201325(01)09506000134352")) {
      Gs1SyntaxException expected = expectRefused(scan);
      JsonNode commandLine = Api.JSON.readTree(Gs1Json.toJson(expected));

      Api.Response r = admin.send("POST", "/api/v1/gs1/parse", scan, TEXT);

      assertThat(r.status()).as(scan).isEqualTo(422);
      assertThat(r.contentType()).startsWith("application/problem+json");
      assertThat(r.at("/type").asString()).isEqualTo("/problems/gs1-" + expected.code());
      assertThat(r.at("/code").asString()).isEqualTo("gs1-" + expected.code());
      assertThat(r.at("/title").asString()).isNotBlank();
      assertThat(r.at("/status").asInt()).isEqualTo(422);
      assertThat(r.at("/detail").asString()).isEqualTo(expected.getMessage());
      assertThat(r.at("/field").asString()).isEqualTo("scan");
      assertThat(r.at("/valid").asBoolean(true)).isFalse();
      assertThat(r.at("/error")).as(scan).isEqualTo(commandLine.get("error"));
    }
    assertThat(admin.send("POST", "/api/v1/gs1/parse", "", TEXT).json().get("error").has("ai"))
        .as("a null AI is written as null, as on the command line")
        .isTrue();
  }

  @Test
  void aJsonBodyWithoutAScanIsRefusedNamingTheField() {
    Api.Response misspelt = admin.post("/api/v1/gs1/parse", map("scanned", "(01)09506000134352"));
    Api.Response missing = admin.post("/api/v1/gs1/parse", map());
    Api.Response broken = admin.send("POST", "/api/v1/gs1/parse", "{\"scan\": ", Map.of());

    assertThat(misspelt.status()).isEqualTo(400);
    assertThat(misspelt.problemCode()).isEqualTo("unknown-property");
    assertThat(misspelt.at("/field").asString()).isEqualTo("scanned");
    assertThat(misspelt.at("/didYouMean").asString()).isEqualTo("scan");
    assertThat(missing.status()).as(missing.toString()).isEqualTo(400);
    assertThat(missing.at("/field").asString()).as(missing.toString()).isEqualTo("scan");
    assertThat(broken.status()).isEqualTo(400);
    assertThat(broken.contentType()).startsWith("application/problem+json");
  }

  @Test
  void anySignedInUserMayParseWithoutNamingAClientButNobodyAnonymously() {
    Site site = Site.create(admin);
    String client = unique("client");
    Site.ok(
        admin.post(
            "/api/v1/users",
            map(
                "username",
                client,
                "password",
                "client-password",
                "role",
                "CLIENT",
                "tenants",
                List.of(site.tenant))));
    String token =
        Site.ok(
                admin.post(
                    "/api/v1/tokens",
                    map("name", "reader", "tenant", site.tenant, "scope", "read")))
            .at("/token")
            .asString();

    Api.Response byClient =
        Api.basic(port, client, "client-password")
            .send("POST", "/api/v1/gs1/parse", "(01)09506000134352", TEXT);
    Api.Response byReadToken =
        Api.token(port, token).send("POST", "/api/v1/gs1/parse", "(01)09506000134352", TEXT);
    Api.Response anonymous =
        Api.anonymous(port).send("POST", "/api/v1/gs1/parse", "(01)09506000134352", TEXT);

    assertThat(byClient.status()).isEqualTo(200);
    assertThat(byReadToken.status()).isEqualTo(200);
    assertThat(byClient.at("/elements/0/value").asString()).isEqualTo("09506000134352");
    assertThat(anonymous.status()).isEqualTo(401);
  }

  private static Gs1SyntaxException expectRefused(String scan) {
    try {
      Gs1.parse(scan);
    } catch (Gs1SyntaxException e) {
      return e;
    }
    throw new AssertionError(scan + " was expected to be invalid");
  }
}
