package io.unitrace.tenancy;

import java.util.Set;

/**
 * Who is asking: a person, or a person's API token. A token is bound to one tenant and may be
 * read-only; it never grants more than its owner has.
 */
public record Actor(
    long userId,
    String username,
    Role role,
    Set<Long> grantedTenants,
    Long tokenId,
    String tokenName,
    Long tokenTenant,
    boolean tokenReadOnly) {

  public static Actor person(long userId, String username, Role role, Set<Long> grantedTenants) {
    return new Actor(userId, username, role, Set.copyOf(grantedTenants), null, null, null, false);
  }

  public boolean mayRead(long tenantId) {
    if (tokenTenant != null && tokenTenant != tenantId) {
      return false;
    }
    return role.seesAllTenants() || grantedTenants.contains(tenantId);
  }

  public boolean mayWrite(long tenantId) {
    return mayRead(tenantId) && role != Role.CLIENT && !tokenReadOnly;
  }

  /** How the ledger records this actor ("who" of an event). */
  public String who() {
    return tokenId == null ? "user:" + username : "token:" + username + "/" + tokenName;
  }
}
