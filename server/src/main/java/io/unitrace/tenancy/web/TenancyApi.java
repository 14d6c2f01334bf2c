package io.unitrace.tenancy.web;

import io.swagger.v3.oas.annotations.Operation;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.Accounts;
import io.unitrace.tenancy.Actor;
import io.unitrace.tenancy.ApiTokens;
import io.unitrace.tenancy.CurrentActor;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.Tenants;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Tenants, users and API tokens. Creating tenants and users is the ADMIN's job. */
@RestController
@RequestMapping("/api/v1")
class TenancyApi {

  record NewTenant(String code, String name) {}

  record NewUser(
      String username, String displayName, String password, Role role, List<String> tenants) {}

  record UserChange(Role role, List<String> tenants) {}

  record NewToken(String name, String tenant, String scope) {}

  record Me(String username, Role role, List<Tenants.Tenant> tenants) {}

  private final Tenants tenants;
  private final Accounts accounts;
  private final ApiTokens tokens;
  private final CurrentActor current;

  TenancyApi(Tenants tenants, Accounts accounts, ApiTokens tokens, CurrentActor current) {
    this.tenants = tenants;
    this.accounts = accounts;
    this.tokens = tokens;
    this.current = current;
  }

  @Operation(
      summary = "Who am I",
      description = "The signed-in user or token, its role and the clients it may work in.")
  @GetMapping("/me")
  Me me() {
    Actor actor = current.get();
    return new Me(actor.username(), actor.role(), tenants.visibleTo(actor));
  }

  @Operation(summary = "List clients", description = "The clients (tenants) the caller may see.")
  @GetMapping("/tenants")
  List<Tenants.Tenant> tenants() {
    return tenants.visibleTo(current.get());
  }

  @Operation(
      summary = "Create a client",
      description = "A 3PL's client, whose goods are kept apart from every other client's (ADMIN).")
  @PostMapping("/tenants")
  @ResponseStatus(HttpStatus.CREATED)
  Tenants.Tenant createTenant(@RequestBody NewTenant body) {
    requireAdmin();
    return tenants.create(body.code(), body.name());
  }

  @Operation(summary = "List users", description = "Users and their roles and clients (ADMIN).")
  @GetMapping("/users")
  List<Accounts.Account> users() {
    requireAdmin();
    return accounts.all();
  }

  @Operation(
      summary = "Create a user",
      description = "A person who signs in, with a role and the clients they work for (ADMIN).")
  @PostMapping("/users")
  @ResponseStatus(HttpStatus.CREATED)
  Accounts.Account createUser(@RequestBody NewUser body) {
    requireAdmin();
    Set<Long> ids = tenantIds(body.tenants() == null ? List.of() : body.tenants());
    return accounts.create(body.username(), body.displayName(), body.password(), body.role(), ids);
  }

  /** The ids of the clients named by code, or a refusal naming the unknown one's position. */
  private Set<Long> tenantIds(List<String> codes) {
    Set<Long> ids = new HashSet<>();
    for (int i = 0; i < codes.size(); i++) {
      String code = codes.get(i);
      String field = "tenants[" + i + "]";
      ids.add(
          tenants
              .byCode(code == null ? "" : code)
              .orElseThrow(
                  () -> Problem.badRequest("unknown-tenant", field, "no client with code " + code))
              .id());
    }
    return ids;
  }

  @Operation(
      summary = "Change a user's role and clients",
      description =
          "Gives the user this role and exactly these clients: grants not named are withdrawn"
              + " (ADMIN, signed in as a person). An ADMIN does not demote themselves (409"
              + " own-admin-role); a CLIENT user belongs to exactly one client.")
  @PutMapping("/users/{id}")
  Accounts.Account changeUser(@PathVariable long id, @RequestBody UserChange body) {
    requireAdmin();
    return accounts.change(
        current.get(),
        id,
        body.role(),
        tenantIds(body.tenants() == null ? List.of() : body.tenants()));
  }

  @Operation(
      summary = "Disable a user",
      description =
          "The user can no longer sign in, their sessions end at their next request and their API"
              + " tokens stop working; nothing of theirs is deleted (ADMIN; never themselves).")
  @PostMapping("/users/{id}/disable")
  Accounts.Account disableUser(@PathVariable long id) {
    requireAdmin();
    return accounts.enable(current.get(), id, false);
  }

  @Operation(
      summary = "Enable a user",
      description = "A disabled user may sign in again, and their tokens work again (ADMIN).")
  @PostMapping("/users/{id}/enable")
  Accounts.Account enableUser(@PathVariable long id) {
    requireAdmin();
    return accounts.enable(current.get(), id, true);
  }

  @Operation(
      summary = "List API tokens",
      description = "Tokens with their client and scope; never their secret.")
  @GetMapping("/tokens")
  List<ApiTokens.TokenInfo> tokens() {
    return tokens.of(current.get());
  }

  /** Issues a token; the secret is in this response and nowhere else, ever. */
  @Operation(
      summary = "Issue an API token",
      description =
          "A token for a scanner or integration, for one client; the secret is in this answer only.")
  @PostMapping("/tokens")
  @ResponseStatus(HttpStatus.CREATED)
  ApiTokens.Issued issue(@RequestBody NewToken body) {
    Actor actor = current.get();
    if (actor.tokenId() != null) {
      throw Problem.forbidden("an API token cannot issue tokens; sign in as a person");
    }
    var tenant =
        tenants
            .byCode(body.tenant() == null ? "" : body.tenant())
            .filter(t -> actor.mayRead(t.id()))
            .orElseThrow(
                () -> Problem.forbidden(actor.who() + " has no access to client " + body.tenant()));
    return tokens.issue(actor, tenant, body.name(), body.scope() == null ? "write" : body.scope());
  }

  @Operation(summary = "Revoke an API token", description = "The token stops working at once.")
  @DeleteMapping("/tokens/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void revoke(@PathVariable long id) {
    tokens.revoke(current.get(), id);
  }

  private void requireAdmin() {
    Actor actor = current.get();
    if (actor.role() != Role.ADMIN || actor.tokenId() != null) {
      throw Problem.forbidden("only an ADMIN, signed in as a person, manages clients and users");
    }
  }
}
