package io.unitrace.tenancy;

import static io.unitrace.support.Api.list;
import static io.unitrace.support.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Password guessing is slowed per user and per address, on the API and on the sign-in form. */
@ExtendWith(OutputCaptureExtension.class)
class SignInThrottlingIT extends TightLimitsTest {

  private static final String RIGHT = "the-right-password-1";

  private String user;
  private String address;

  @BeforeEach
  void ownUser() {
    user = unique("guessed").toLowerCase();
    address = ownAddress();
    var created =
        admin.post(
            "/api/v1/users",
            map("username", user, "password", RIGHT, "role", "OPERATOR", "tenants", list()));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
  }

  private HttpResponse<String> me(String password) {
    return me(user, password, address);
  }

  private HttpResponse<String> me(String who, String password, String from) {
    return send(
        request("/api/v1/me")
            .header("Authorization", basic(who, password))
            .header("X-Forwarded-For", from)
            .GET()
            .build());
  }

  @Test
  void wrongPasswordsThenTheRightOneIsRefusedUnheardWhileWaitingAndWorksAfterTheWait()
      throws Exception {
    for (int i = 1; i <= 3; i++) {
      assertThat(me("wrong-" + i).statusCode()).as("guess " + i).isEqualTo(401);
    }
    double checkedBefore = counter("unitrace_logins_failed_total{reason=\"bad-credentials\"}");
    double throttledBefore = counter("unitrace_logins_failed_total{reason=\"throttled\"}");
    // The fourth guess is heard, and opens a wait of 1.5 s.
    assertThat(me("wrong-4").statusCode()).isEqualTo(401);

    var refused = me(RIGHT);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
    assertThat(refused.body())
        .contains("\"code\":\"too-many-sign-ins\"", "\"retryAfterSeconds\":2");
    // Refused unheard: counted as throttled, and no password was checked.
    assertThat(counter("unitrace_logins_failed_total{reason=\"throttled\"}"))
        .isEqualTo(throttledBefore + 1);
    assertThat(counter("unitrace_logins_failed_total{reason=\"bad-credentials\"}"))
        .isEqualTo(checkedBefore + 1);

    Thread.sleep(2000);
    var after = me(RIGHT);
    assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
    assertThat(after.body()).contains(user);
    // The success cleared the count: a slip of the finger is heard again.
    assertThat(me("wrong-again").statusCode()).isEqualTo(401);
  }

  @Test
  void aFailedSignInIsLoggedWithUserAndAddressButNeverThePassword(CapturedOutput output) {
    assertThat(me("Secret-Guess-4711").statusCode()).isEqualTo(401);
    assertThat(output.getAll())
        .contains("sign-in refused (bad-credentials) for user '" + user + "' from " + address)
        .doesNotContain("Secret-Guess-4711");
    assertThat(prometheus()).contains("unitrace_logins_failed_total{reason=\"bad-credentials\"}");
  }

  @Test
  void oneAddressGuessingManyUserNamesIsThrottledForEveryName() {
    for (int i = 0; i < 7; i++) {
      assertThat(me(unique("nobody"), "guess", address).statusCode()).isEqualTo(401);
    }
    assertThat(me(user, RIGHT, address).statusCode()).isEqualTo(429);
    // The same user from elsewhere is heard: their own count is clean.
    assertThat(me(user, RIGHT, ownAddress()).statusCode()).isEqualTo(200);
  }

  @Test
  void guessingDoesNotLockOutOthersWithTheRightPassword() {
    for (int i = 0; i < 6; i++) {
      me("wrong-" + i);
    }
    assertThat(me("wrong").statusCode()).isEqualTo(429);
    assertThat(admin.get("/api/v1/me").status()).isEqualTo(200);
  }

  @Test
  void aPasswordOverBcryptsLimitIsAWrongPasswordNotAFailure() {
    var r = me("x".repeat(100));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
  }

  @Test
  void theSignInFormIsThrottledToo() {
    HttpClient browser =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    for (int i = 1; i <= 4; i++) {
      var r = postSignIn(browser, "wrong-" + i, "text/html");
      assertThat(r.statusCode()).isEqualTo(302);
      assertThat(r.headers().firstValue("Location").orElse("")).endsWith("/login?error");
    }
    var page = postSignIn(browser, RIGHT, "text/html");
    assertThat(page.statusCode()).isEqualTo(429);
    assertThat(page.headers().firstValue("Retry-After")).hasValue("2");
    assertThat(page.body()).contains("data-test=\"signin-throttled\"", "Try again in 2 s");

    var json = postSignIn(browser, RIGHT, "application/json");
    assertThat(json.statusCode()).isEqualTo(429);
    assertThat(json.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(json.body()).contains("too-many-sign-ins");
  }

  private HttpResponse<String> postSignIn(HttpClient browser, String password, String accept) {
    try {
      var form =
          browser.send(
              request("/login").header("X-Forwarded-For", address).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      var m = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(form.body());
      assertThat(m.find()).as(form.body()).isTrue();
      String body =
          "username="
              + URLEncoder.encode(user, StandardCharsets.UTF_8)
              + "&password="
              + URLEncoder.encode(password, StandardCharsets.UTF_8)
              + "&_csrf="
              + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
      return browser.send(
          request("/login")
              .header("X-Forwarded-For", address)
              .header("Content-Type", "application/x-www-form-urlencoded")
              .header("Accept", accept)
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
