package io.unitrace.tenancy;

import org.springframework.security.core.AuthenticationException;

/** A password attempt refused unheard: too many failures; try again after {@code retryAfter} s. */
final class SignInThrottled extends AuthenticationException {

  private final long retryAfterSeconds;

  SignInThrottled(long retryAfterSeconds) {
    super("too many failed sign-ins; try again in " + retryAfterSeconds + " s");
    this.retryAfterSeconds = retryAfterSeconds;
  }

  long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
