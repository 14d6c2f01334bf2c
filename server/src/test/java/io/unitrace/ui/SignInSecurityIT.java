package io.unitrace.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.unitrace.support.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who gets into the UI pages, and that every state-changing form needs its CSRF token. */
class SignInSecurityIT extends IntegrationTest {

  @Test
  void unauthenticatedLookupIsSentToTheSignInPage() {
    FormSession browser = new FormSession(port);

    var lookup = browser.get("/units/lookup?q=SN-1");
    assertThat(lookup.status()).as(lookup.toString()).isEqualTo(302);
    assertThat(lookup.location()).endsWith("/login");

    var stock = browser.get("/stock");
    assertThat(stock.status()).isEqualTo(302);
    assertThat(stock.location()).endsWith("/login");

    var signIn = browser.get("/login");
    assertThat(signIn.status()).isEqualTo(200);
    assertThat(signIn.body()).contains("name=\"username\"", "name=\"password\"");
    assertThat(signIn.csrf()).isNotBlank();
  }

  @Test
  void signInWithoutCsrfTokenIsRefusedAndSignsNobodyIn() {
    FormSession browser = new FormSession(port);
    browser.get("/login");

    var post = browser.postForm("/login", Map.of("username", "admin", "password", ADMIN_PASSWORD));
    assertThat(post.status()).as(post.toString()).isEqualTo(403);

    var after = browser.get("/units/lookup");
    assertThat(after.status()).isEqualTo(302);
    assertThat(after.location()).endsWith("/login");
  }

  @Test
  void signInWithAForgedCsrfTokenIsRefused() {
    FormSession browser = new FormSession(port);
    browser.get("/login");

    var post =
        browser.postForm(
            "/login",
            Map.of("username", "admin", "password", ADMIN_PASSWORD, "_csrf", "forged-token"));
    assertThat(post.status()).isEqualTo(403);
    assertThat(browser.get("/").status()).isEqualTo(302);
  }

  @Test
  void wrongPasswordReturnsToTheSignInPageWithAMessage() {
    FormSession browser = new FormSession(port);

    var post = browser.signIn("admin", "not-the-password");
    assertThat(post.status()).isEqualTo(302);
    assertThat(post.location()).endsWith("/login?error");

    var page = browser.get("/login?error");
    assertThat(page.body())
        .contains("data-test=\"signin-error\"", "The user name or password is wrong");
    assertThat(browser.get("/").status()).isEqualTo(302);
  }

  @Test
  void signedInPersonReachesThePagesAndSignOutNeedsTheCsrfToken() {
    FormSession browser = new FormSession(port);
    var post = browser.signIn("admin", ADMIN_PASSWORD);
    assertThat(post.status()).as(post.toString()).isEqualTo(302);

    var home = browser.get("/");
    assertThat(home.status()).isEqualTo(200);
    assertThat(home.body()).contains("data-test=\"user\"", "admin", "/swagger-ui.html");

    var forgedSignOut = browser.postForm("/logout", Map.of());
    assertThat(forgedSignOut.status()).isEqualTo(403);
    assertThat(browser.get("/").status())
        .as("still signed in after a sign-out without token")
        .isEqualTo(200);

    var signOut = browser.postForm("/logout", Map.of("_csrf", home.csrf()));
    assertThat(signOut.status()).isEqualTo(302);
    assertThat(signOut.location()).endsWith("/login?logout");
    assertThat(browser.get("/units/lookup").status()).isEqualTo(302);
    assertThat(browser.get("/login?logout").body()).contains("You are signed out");
  }

  @Test
  void signInPageSendsSomeoneSignedInAlreadyToTheStart() {
    FormSession browser = new FormSession(port);
    browser.signIn("admin", ADMIN_PASSWORD);

    var again = browser.get("/login");
    assertThat(again.status()).isEqualTo(302);
    assertThat(again.location()).endsWith("/");
  }
}
