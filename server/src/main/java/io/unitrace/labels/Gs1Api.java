package io.unitrace.labels;

import io.swagger.v3.oas.annotations.Operation;
import io.unitrace.gs1.Gs1;
import io.unitrace.gs1.Gs1Json;
import io.unitrace.gs1.Gs1SyntaxException;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Text;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /api/v1/gs1/parse}: what the GS1 library makes of a scan, for scanners, label checks
 * and integrations. The body is the scan as text/plain, or JSON {@code {"scan": "..."}}. A valid
 * scan gets exactly the JSON of the library's command line ({@link Gs1Json}); an invalid one a 422
 * problem that carries the command line's {@code valid} and {@code error} members too. Any
 * signed-in user may ask; no client data is involved.
 */
@RestController
@RequestMapping("/api/v1/gs1")
class Gs1Api {

  record ScanBody(String scan) {

    ScanBody {
      Text.raw("scan", scan, 2000);
    }
  }

  private final ObjectMapper json;

  Gs1Api(ObjectMapper json) {
    this.json = json;
  }

  @Operation(
      summary = "Read a barcode",
      description =
          "Parses a scan (bracketed, raw with FNC1, AIM prefixed or GS1 Digital Link) into its application identifiers, checked against the GS1 syntax dictionary.")
  @PostMapping(path = "/parse", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<byte[]> parse(@RequestBody ScanBody body) {
    if (body == null || body.scan() == null) {
      throw Problem.badRequest("invalid-field", "scan", "scan is required: the scanned text");
    }
    return parsed(body.scan());
  }

  /**
   * Scanner text as sent; UTF-8 unless the request names another charset (servlets would assume
   * ISO-8859-1).
   */
  @Operation(
      summary = "Read a barcode",
      description =
          "Parses a scan (bracketed, raw with FNC1, AIM prefixed or GS1 Digital Link) into its application identifiers, checked against the GS1 syntax dictionary.")
  @PostMapping(path = "/parse", consumes = MediaType.TEXT_PLAIN_VALUE)
  ResponseEntity<byte[]> parse(
      @RequestBody(required = false) byte[] body,
      @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType type) {
    Charset charset = type.getCharset() == null ? StandardCharsets.UTF_8 : type.getCharset();
    return parsed(body == null ? "" : new String(body, charset));
  }

  private ResponseEntity<byte[]> parsed(String scan) {
    String result;
    try {
      result = Gs1Json.toJson(Gs1.parse(scan));
    } catch (Gs1SyntaxException e) {
      throw Problem.unprocessable("gs1-" + e.code(), "scan", e.getMessage())
          .with("valid", false)
          // The command line's error object as it is, nulls included.
          .with("error", json.readTree(Gs1Json.toJson(e)).get("error"));
    }
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_JSON)
        .body(result.getBytes(StandardCharsets.UTF_8));
  }
}
