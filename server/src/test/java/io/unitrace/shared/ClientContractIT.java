package io.unitrace.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.Api;
import io.unitrace.support.IntegrationTest;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The committed OpenAPI document (src/test/resources/openapi/unitrace.json) is the one a client is
 * generated from at build time; it must be the document the server serves, so the code and the
 * contract cannot drift apart.
 */
class ClientContractIT extends IntegrationTest {

  static final String COMMITTED = "/openapi/unitrace.json";
  static final Path LIVE_COPY = Path.of("target", "openapi", "unitrace.json");

  private static final JsonMapper PRETTY =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  @Test
  void theCommittedDocumentIsTheOneTheServerServes() throws Exception {
    var live = Api.anonymous(port).get("/v3/api-docs");
    assertThat(live.status()).isEqualTo(200);
    JsonNode committed;
    try (InputStream in = ClientContractIT.class.getResourceAsStream(COMMITTED)) {
      committed = Api.JSON.readTree(in);
    }
    if (!committed.equals(live.json())) {
      Files.createDirectories(LIVE_COPY.getParent());
      Files.writeString(LIVE_COPY, PRETTY.writeValueAsString(live.json()) + "\n");
    }
    assertThat(live.json())
        .as(
            "the API changed but server/src/test/resources/openapi/unitrace.json did not: review"
                + " the served document, written to server/"
                + LIVE_COPY
                + ", and copy it over the committed one (cp server/"
                + LIVE_COPY
                + " server/src/test/resources/openapi/unitrace.json), then build again so the"
                + " client is generated from it")
        .isEqualTo(committed);
  }
}
