package io.unitrace.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a browser: one cookie jar (the UI session), HTML forms posted as a browser
 * posts them (with the CSRF token of the page last seen, as the page's form carries it), request
 * headers where htmx sends them, redirects not followed so a test can see where it is sent.
 */
final class FormSession {

  record Page(int status, String location, String body, HttpResponse<String> raw) {

    /** The CSRF token of the first form on the page, as Spring Security renders it. */
    String csrf() {
      Matcher m = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(body);
      if (!m.find()) {
        throw new AssertionError("no CSRF token on the page:\n" + body);
      }
      return m.group(1);
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + (location == null ? "" : " -> " + location) + "\n" + body;
    }
  }

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

  private final int port;
  private final HttpClient http;
  private String csrf;

  FormSession(int port) {
    this.port = port;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Signs in through the form, as a person does; returns the answer to the POST. */
  Page signIn(String username, String password) {
    String token = get("/login").csrf();
    return postForm("/login", Map.of("username", username, "password", password, "_csrf", token));
  }

  Page get(String path) {
    return get(path, Map.of());
  }

  Page get(String path, Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET().header("Accept", "text/html");
    headers.forEach(b::header);
    return send(b.build());
  }

  Page postForm(String path, Map<String, String> fields) {
    String body =
        fields.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "text/html")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /**
   * Posts a form as the page last seen would: its CSRF token added, with extra request headers
   * (e.g. htmx's HX-Request).
   */
  Page post(String path, Map<String, String> fields, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(fields);
    if (csrf != null) {
      all.put("_csrf", csrf);
    }
    String body =
        all.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "text/html")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return send(b.build());
  }

  /** Form fields from name, value pairs, in order. */
  static Map<String, String> fields(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  /** The header htmx sends with the requests it makes. */
  static Map<String, String> htmx() {
    return Map.of("HX-Request", "true");
  }

  /** A fresh Idempotency-Key, as a page generates for each scan. */
  static String key() {
    return "test-" + UUID.randomUUID();
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private Page send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      Matcher m = CSRF.matcher(r.body());
      if (m.find()) {
        csrf = m.group(1);
      }
      return new Page(r.statusCode(), r.headers().firstValue("Location").orElse(null), r.body(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
