package io.unitrace.tenancy;

/**
 * What a person may do. ADMIN and SUPERVISOR see every client; OPERATOR sees the clients granted to
 * them; CLIENT is a client's own user and only reads its own goods.
 */
public enum Role {
  ADMIN,
  SUPERVISOR,
  OPERATOR,
  CLIENT;

  public boolean seesAllTenants() {
    return this == ADMIN || this == SUPERVISOR;
  }

  /** True when this role is at least {@code other} in ADMIN > SUPERVISOR > OPERATOR > CLIENT. */
  public boolean atLeast(Role other) {
    return ordinal() <= other.ordinal();
  }
}
