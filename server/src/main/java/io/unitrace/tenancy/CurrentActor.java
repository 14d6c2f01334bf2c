package io.unitrace.tenancy;

import io.unitrace.shared.Problem;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The actor of the current request, whichever way they signed in. */
@Component
public class CurrentActor {

  private final Accounts accounts;

  CurrentActor(Accounts accounts) {
    this.accounts = accounts;
  }

  public Actor get() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || !auth.isAuthenticated()) {
      throw Problem.unauthorized("sign in first");
    }
    if (auth.getPrincipal() instanceof Actor actor) {
      return actor;
    }
    return accounts
        .actor(auth.getName())
        .orElseThrow(() -> Problem.unauthorized("the account " + auth.getName() + " is disabled"));
  }
}
