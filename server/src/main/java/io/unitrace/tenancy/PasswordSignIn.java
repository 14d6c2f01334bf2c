package io.unitrace.tenancy;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Every password check (HTTP Basic on the API and the actuator, the sign-in form) passes here: the
 * {@link LoginThrottle} hears it first, so a throttled attempt costs no bcrypt; a failure is logged
 * (user name and address, never the password) and counted in {@code unitrace.logins.failed}.
 */
@Component
final class PasswordSignIn implements AuthenticationProvider {

  /** bcrypt reads at most 72 bytes: a longer password cannot be the one that was set. */
  static final int BCRYPT_MAX_BYTES = 72;

  private static final Logger log = LoggerFactory.getLogger(PasswordSignIn.class);

  private final DaoAuthenticationProvider passwords;
  private final LoginThrottle throttle;
  private final Clock clock;
  private final MeterRegistry meters;

  PasswordSignIn(
      Accounts accounts,
      PasswordEncoder encoder,
      LoginThrottle throttle,
      Clock clock,
      MeterRegistry meters) {
    this.passwords = new DaoAuthenticationProvider(Security.people(accounts));
    this.passwords.setPasswordEncoder(encoder);
    this.throttle = throttle;
    this.clock = clock;
    this.meters = meters;
  }

  @Override
  public Authentication authenticate(Authentication attempt) throws AuthenticationException {
    String user = attempt.getName();
    String address =
        attempt.getDetails() instanceof WebAuthenticationDetails web
            ? web.getRemoteAddress()
            : "unknown";
    LoginThrottle.Verdict verdict = throttle.attempt(user, address, clock.instant());
    if (!verdict.allowed()) {
      failed("throttled", user, address);
      throw new Throttled(verdict.retryAfterSeconds());
    }
    boolean signedIn = false;
    boolean refused = false;
    try {
      Object credentials = attempt.getCredentials();
      if (credentials != null
          && credentials.toString().getBytes(StandardCharsets.UTF_8).length > BCRYPT_MAX_BYTES) {
        throw new BadCredentialsException("Bad credentials");
      }
      Authentication done = passwords.authenticate(attempt);
      signedIn = true;
      return done;
    } catch (DisabledException e) {
      refused = true;
      failed("disabled", user, address);
      throw e;
    } catch (AuthenticationException e) {
      refused = true;
      failed("bad-credentials", user, address);
      throw e;
    } finally {
      if (signedIn) {
        throttle.succeeded(user, address, clock.instant());
      } else if (refused) {
        throttle.failed(user, address, clock.instant());
      } else {
        throttle.abandoned(user, address); // the check itself broke: no verdict on the password
      }
    }
  }

  private void failed(String reason, String user, String address) {
    meters.counter("unitrace.logins.failed", "reason", reason).increment();
    if ("throttled".equals(reason)) {
      // Refused unheard, as often as a guesser sends them: counted, but not a log line each.
      log.debug("sign-in refused (throttled) for user '{}' from {}", printable(user), address);
    } else {
      log.warn("sign-in refused ({}) for user '{}' from {}", reason, printable(user), address);
    }
  }

  /** The user name as typed, safe for one log line: no control characters, at most 100. */
  static String printable(String user) {
    if (user == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    user.codePoints()
        .limit(100)
        .forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return sb.toString();
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }

  /**
   * A password attempt refused unheard: too many failures; try again after {@code retryAfter} s.
   */
  static final class Throttled extends AuthenticationException {

    private final long retryAfterSeconds;

    Throttled(long retryAfterSeconds) {
      super("too many failed sign-ins; try again in " + retryAfterSeconds + " s");
      this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }
}
