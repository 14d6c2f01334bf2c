package io.unitrace.tenancy;

import io.unitrace.support.IntegrationTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.test.context.TestPropertySource;

/**
 * Integration tests of the limits, in a context of their own with limits small enough to reach in a
 * test: 3 free sign-in failures per user and 6 per address, waits from 1.5 s up to 3 s, bodies up
 * to 64 KiB, 50 units a request, a metrics token. The suite's shared context keeps the defaults.
 *
 * <p>Tests that guess passwords do it for a user of their own and from an address of their own
 * (X-Forwarded-For, honoured from the loopback proxy), so they never throttle the admin.
 */
@TestPropertySource(
    properties = {
      "unitrace.security.sign-in.free-failures-per-user=3",
      "unitrace.security.sign-in.free-failures-per-address=6",
      "unitrace.security.sign-in.first-wait-ms=1500",
      "unitrace.security.sign-in.max-wait-ms=3000",
      "unitrace.limits.max-body-bytes=65536",
      "unitrace.limits.max-units-per-request=50",
      "unitrace.security.metrics-token=" + TightLimitsTest.METRICS_TOKEN
    })
abstract class TightLimitsTest extends IntegrationTest {

  static final String METRICS_TOKEN = "metrics-token-for-tests";

  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  /** An address no other test guesses from. */
  static String ownAddress() {
    var r = ThreadLocalRandom.current();
    return "10." + r.nextInt(1, 255) + "." + r.nextInt(1, 255) + "." + r.nextInt(1, 255);
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The Prometheus text, read with the metrics token. */
  String prometheus() {
    var r =
        send(
            request("/actuator/prometheus")
                .header("Authorization", "Bearer " + METRICS_TOKEN)
                .GET()
                .build());
    if (r.statusCode() != 200) {
      throw new AssertionError("prometheus answered " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }

  /** The value of counter {@code series} (its name and labels as Prometheus prints them), or 0. */
  double counter(String series) {
    for (String line : prometheus().split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).strip());
      }
    }
    return 0;
  }
}
