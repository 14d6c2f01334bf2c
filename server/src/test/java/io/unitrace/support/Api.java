package io.unitrace.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of the REST API over real HTTP, signed in one way (Basic or token), optionally in one
 * tenant.
 */
public final class Api {

  public record Response(int status, String contentType, String body, JsonNode json) {

    public JsonNode at(String pointer) {
      return json.at(pointer);
    }

    public String problemCode() {
      return json == null ? null : json.path("code").asString(null);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  public static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final int port;
  private final String authorization;
  private final String tenant;

  private Api(int port, String authorization, String tenant) {
    this.port = port;
    this.authorization = authorization;
    this.tenant = tenant;
  }

  public static Api basic(int port, String user, String password) {
    return new Api(
        port,
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)),
        null);
  }

  public static Api token(int port, String token) {
    return new Api(port, "Bearer " + token, null);
  }

  public static Api anonymous(int port) {
    return new Api(port, null, null);
  }

  /** The same credentials working in tenant {@code code} (the X-Tenant header). */
  public Api in(String code) {
    return new Api(port, authorization, code);
  }

  public Response get(String path) {
    return send("GET", path, null, Map.of());
  }

  public Response post(String path, Object body) {
    return send("POST", path, body, Map.of());
  }

  public Response post(String path, Object body, String idempotencyKey) {
    return send("POST", path, body, Map.of("Idempotency-Key", idempotencyKey));
  }

  public Response put(String path, Object body) {
    return send("PUT", path, body, Map.of());
  }

  public Response delete(String path) {
    return send("DELETE", path, null, Map.of());
  }

  public Response postCsv(String path, String csv) {
    return send("POST", path, csv, Map.of("Content-Type", "text/csv"));
  }

  /**
   * Sends a request; {@code body} is a JSON string, a Map/List/record (serialised), or CSV text
   * with a Content-Type header.
   */
  public Response send(String method, String path, Object body, Map<String, String> headers) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
      if (authorization != null) {
        b.header("Authorization", authorization);
      }
      if (tenant != null) {
        b.header("X-Tenant", tenant);
      }
      Map<String, String> h = new LinkedHashMap<>(headers);
      String text =
          body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
      if (text != null && !h.containsKey("Content-Type")) {
        h.put("Content-Type", "application/json");
      }
      h.forEach(b::header);
      b.method(
          method,
          text == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(text));
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      String ct = r.headers().firstValue("Content-Type").orElse("");
      JsonNode json = ct.contains("json") && !r.body().isEmpty() ? JSON.readTree(r.body()) : null;
      return new Response(r.statusCode(), ct, r.body(), json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static Map<String, Object> map(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  public static List<Object> list(Object... items) {
    return new ArrayList<>(List.of(items));
  }
}
