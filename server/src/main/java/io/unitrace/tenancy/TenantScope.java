package io.unitrace.tenancy;

import io.unitrace.shared.Problem;

/**
 * The tenant a request works in, and who is asking. Controllers take it as a parameter; every query
 * of tenant data takes its {@code tenantId}. It exists only after the actor was checked against the
 * tenant, so holding one means reading is allowed.
 */
public record TenantScope(long tenantId, String tenantCode, Actor actor) {

  public TenantScope requireWrite() {
    if (!actor.mayWrite(tenantId)) {
      throw Problem.forbidden(actor.who() + " may not change data of client " + tenantCode);
    }
    return this;
  }

  public TenantScope requireRole(Role minimum) {
    requireWrite();
    if (!actor.role().atLeast(minimum)) {
      throw Problem.forbidden(
          "this needs the role " + minimum + " or higher; " + actor.who() + " is " + actor.role());
    }
    return this;
  }
}
