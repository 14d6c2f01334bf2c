package io.unitrace.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.IntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Behind an https proxy the session cookie is Secure and SameSite, HSTS is sent; every page carries
 * a Content-Security-Policy that the screens keep to; odd requests get a client's answer.
 */
class SecureHeadersIT extends IntegrationTest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    var b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void behindAnHttpsProxyTheSessionCookieIsSecureAndSameSiteAndHstsIsSent() throws Exception {
    var page = get("/login", "X-Forwarded-Proto", "https");
    assertThat(page.statusCode()).isEqualTo(200);
    String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).contains("JSESSIONID=", "Secure", "HttpOnly", "SameSite=Lax");
    assertThat(page.headers().firstValue("Strict-Transport-Security").orElseThrow())
        .contains("max-age=31536000", "includeSubDomains");

    var api =
        get(
            "/api/v1/me",
            "X-Forwarded-Proto",
            "https",
            "Authorization",
            TightLimitsTest.basic("admin", ADMIN_PASSWORD));
    assertThat(api.statusCode()).isEqualTo(200);
    assertThat(api.headers().firstValue("Strict-Transport-Security")).isPresent();
  }

  @Test
  void overPlainHttpTheCookieIsNotSecureAndNoHstsIsSent() throws Exception {
    var page = get("/login");
    String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).contains("HttpOnly", "SameSite=Lax").doesNotContain("Secure");
    assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty();
  }

  @Test
  void everyAnswerCarriesTheContentSecurityPolicy() throws Exception {
    for (String path : List.of("/login", "/api/v1/me", "/units/lookup", "/actuator/health")) {
      var r = get(path);
      assertThat(r.headers().firstValue("Content-Security-Policy"))
          .as(path)
          .hasValue(Security.CONTENT_SECURITY_POLICY);
    }
    assertThat(Security.CONTENT_SECURITY_POLICY)
        .contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
        .doesNotContain("unsafe-inline", "unsafe-eval");
  }

  /** Without 'unsafe-inline' the browser would ignore inline code: the screens must have none. */
  @Test
  void noScreenHasInlineScriptsStylesOrEventHandlers() throws IOException {
    Pattern inline =
        Pattern.compile(
            "<script(?![^>]*\\bsrc=)[^>]*>|<style\\b|\\sstyle=|th:style=|\\son[a-z]+=|javascript:",
            Pattern.CASE_INSENSITIVE);
    try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
      List<String> offenders =
          files
              .filter(f -> f.toString().endsWith(".html"))
              .filter(
                  f -> {
                    try {
                      return inline.matcher(Files.readString(f)).find();
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .map(Path::toString)
              .toList();
      assertThat(offenders).isEmpty();
    }
  }

  @Test
  void aQueryStringThatCannotBeDecodedIsABadRequest() throws Exception {
    String login = raw("GET /login?x=%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assertThat(login).startsWith("HTTP/1.1 400").contains("\"code\":\"malformed-query\"");
    String api =
        raw(
            "GET /api/v1/me?x=%zz HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                + TightLimitsTest.basic("admin", ADMIN_PASSWORD)
                + "\r\nConnection: close\r\n\r\n");
    assertThat(api).startsWith("HTTP/1.1 400");
  }

  /** A request as typed: java.net.URI refuses to build one with a broken escape. */
  private String raw(String request) throws IOException {
    try (var socket = new java.net.Socket("localhost", port)) {
      socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return new String(
          socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  @Test
  void theErrorPageAskedForDirectlyIsRenderedAsNotFound() throws Exception {
    var page = get("/error", "Accept", "text/html");
    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.body()).contains("class=\"notice error\"", "404");
    var json = get("/error");
    assertThat(json.statusCode()).isEqualTo(404);
  }
}
