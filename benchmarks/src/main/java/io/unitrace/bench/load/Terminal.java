package io.unitrace.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The server as one set of credentials sees it, like a handheld terminal signed in: an admin with
 * HTTP Basic for setting the site up, or a scanner with its API token for the measured traffic.
 * Several terminals may share one {@link HttpClient} (and so its kept-alive connections).
 */
final class Terminal {

  record Reply(int status, String body) {

    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /** A refused or failed request during setup: the run stops, naming what the server said. */
  static final class Refused extends RuntimeException {
    Refused(String what, Reply reply) {
      super(what + " -> HTTP " + reply.status() + ": " + abbreviate(reply.body()));
    }
  }

  private final HttpClient http;
  private final URI base;
  private final String authorization;
  private final String tenant;
  private final Duration timeout;

  private Terminal(
      HttpClient http, URI base, String authorization, String tenant, Duration timeout) {
    this.http = http;
    this.base = base;
    this.authorization = authorization;
    this.tenant = tenant;
    this.timeout = timeout;
  }

  /**
   * The HTTP/1.1 client every phase uses: connections are kept alive and reused between requests.
   */
  static HttpClient client() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  static Terminal basic(HttpClient http, URI base, String user, String password) {
    String pair =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return new Terminal(http, base, "Basic " + pair, null, Duration.ofMinutes(5));
  }

  static Terminal bearer(HttpClient http, URI base, String token) {
    return new Terminal(http, base, "Bearer " + token, null, Duration.ofMinutes(5));
  }

  /** The same terminal working for the client {@code code} (header X-Tenant). */
  Terminal in(String code) {
    return new Terminal(http, base, authorization, code, timeout);
  }

  Reply get(String path) {
    return send(request(path).GET().build());
  }

  Reply post(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
            .build());
  }

  /** A command with the scanner's own request id, so a retried scan is recorded once. */
  Reply post(String path, String json, String idempotencyKey) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", idempotencyKey)
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
            .build());
  }

  Reply put(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
            .build());
  }

  /** A body of another media type (e.g. text/csv), for setup steps that must succeed. */
  Reply postOk(String path, String body, String contentType) {
    Reply r =
        send(
            request(path)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build());
    if (!r.ok()) {
      throw new Refused("POST " + path, r);
    }
    return r;
  }

  Reply putOk(String path, String json) {
    Reply r = put(path, json);
    if (!r.ok()) {
      throw new Refused("PUT " + path, r);
    }
    return r;
  }

  /** Like {@link #post(String, String)}, for setup steps that must succeed. */
  Reply postOk(String path, String json) {
    Reply r = post(path, json);
    if (!r.ok()) {
      throw new Refused("POST " + path, r);
    }
    return r;
  }

  Reply getOk(String path) {
    Reply r = get(path);
    if (!r.ok()) {
      throw new Refused("GET " + path, r);
    }
    return r;
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(timeout)
            .header("Authorization", authorization)
            .header("Accept", "application/json");
    if (tenant != null) {
      b.header("X-Tenant", tenant);
    }
    return b;
  }

  private Reply send(HttpRequest request) {
    try {
      HttpResponse<String> r =
          http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new IllegalStateException(
          request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted during " + request.method() + " " + request.uri(), e);
    }
  }

  static String abbreviate(String text) {
    return text == null ? "" : text.length() <= 400 ? text : text.substring(0, 400) + "…";
  }
}
