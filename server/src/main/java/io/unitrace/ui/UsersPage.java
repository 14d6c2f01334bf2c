package io.unitrace.ui;

import io.unitrace.shared.Problem;
import io.unitrace.tenancy.Accounts;
import io.unitrace.tenancy.Actor;
import io.unitrace.tenancy.CurrentActor;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.Tenants;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The people who sign in, for an ADMIN: each with their role, the clients granted to them and
 * whether they may sign in; a new person (the password rules are {@link Accounts}'), another role
 * or other clients, disabled or enabled again. Everyone else is refused (403) before anything is
 * read. Every action is a plain post answered with the list as it now stands, or the refusal with
 * the form as typed.
 */
@Controller
class UsersPage {

  /** A person as the list shows them: the clients by code. */
  record Person(Accounts.Account account, List<String> clients) {}

  private final CurrentActor current;
  private final Accounts accounts;
  private final Tenants tenants;

  UsersPage(CurrentActor current, Accounts accounts, Tenants tenants) {
    this.current = current;
    this.accounts = accounts;
    this.tenants = tenants;
  }

  @GetMapping("/admin/users")
  String list(Model model) {
    draw(model, admin());
    return "admin/users";
  }

  @PostMapping("/admin/users")
  String create(
      HttpServletResponse response,
      Model model,
      @RequestParam(required = false) String username,
      @RequestParam(required = false) String displayName,
      @RequestParam(required = false) String password,
      @RequestParam(required = false) String role,
      @RequestParam(required = false) List<String> clients) {
    Actor me = admin();
    try {
      Accounts.Account a =
          accounts.create(
              PickPage.strip(username),
              PickPage.strip(displayName),
              password,
              role(role),
              ids(clients));
      model.addAttribute(
          "answer",
          new UnitActions.Answer(
              true, "Done: " + a.username() + " created", "They can sign in now.", null));
    } catch (Problem p) {
      refuse(response, model, p);
      model.addAttribute("typed", Map.of("username", String.valueOf(username), "role", "" + role));
    }
    draw(model, me);
    return "admin/users";
  }

  @PostMapping("/admin/users/{id}")
  String change(
      HttpServletResponse response,
      Model model,
      @PathVariable long id,
      @RequestParam(required = false) String role,
      @RequestParam(required = false) List<String> clients) {
    return act(
        response,
        model,
        me -> {
          Accounts.Account a = accounts.change(me, id, role(role), ids(clients));
          return new UnitActions.Answer(
              true,
              "Done: " + a.username() + " is " + a.role(),
              "Their clients: " + codes(a.tenants()) + ". It counts from their next request.",
              null);
        });
  }

  @PostMapping("/admin/users/{id}/enabled")
  String enable(
      HttpServletResponse response,
      Model model,
      @PathVariable long id,
      @RequestParam(defaultValue = "false") boolean enabled) {
    return act(
        response,
        model,
        me -> {
          Accounts.Account a = accounts.enable(me, id, enabled);
          return new UnitActions.Answer(
              true,
              "Done: " + a.username() + (a.enabled() ? " enabled" : " disabled"),
              a.enabled()
                  ? "They can sign in again."
                  : "They cannot sign in, their sessions end and their API tokens stop working.",
              null);
        });
  }

  private String act(
      HttpServletResponse response, Model model, Function<Actor, UnitActions.Answer> action) {
    Actor me = admin();
    try {
      model.addAttribute("answer", action.apply(me));
    } catch (Problem p) {
      refuse(response, model, p);
    }
    draw(model, me);
    return "admin/users";
  }

  private static void refuse(HttpServletResponse response, Model model, Problem p) {
    response.setStatus(p.status());
    model.addAttribute("refusal", p);
    model.addAttribute("answer", UnitActions.refused(p));
  }

  private void draw(Model model, Actor me) {
    List<Tenants.Tenant> all = tenants.visibleTo(me);
    Map<Long, String> code =
        all.stream().collect(Collectors.toMap(Tenants.Tenant::id, Tenants.Tenant::code));
    model.addAttribute(
        "people",
        accounts.all().stream()
            .map(
                a ->
                    new Person(
                        a,
                        a.tenants().stream()
                            .map(code::get)
                            .filter(c -> c != null)
                            .sorted()
                            .toList()))
            .toList());
    model.addAttribute("allClients", all);
    model.addAttribute("roles", Role.values());
  }

  private String codes(Set<Long> ids) {
    List<String> found =
        ids.stream()
            .map(tenants::byId)
            .flatMap(java.util.Optional::stream)
            .map(Tenants.Tenant::code)
            .sorted()
            .toList();
    return found.isEmpty() ? "none" : String.join(", ", found);
  }

  /** Only an ADMIN, signed in as a person, sees or changes people (as the API decides). */
  private Actor admin() {
    Actor me = current.get();
    if (me.role() != Role.ADMIN || me.tokenId() != null) {
      throw Problem.forbidden("only an ADMIN, signed in as a person, manages clients and users");
    }
    return me;
  }

  private static Role role(String text) {
    String r = PickPage.strip(text);
    if (r == null) {
      return null; // the accounts name the roles
    }
    try {
      return Role.valueOf(r.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest(
          "invalid-field", "role", "a role is ADMIN, SUPERVISOR, OPERATOR or CLIENT");
    }
  }

  private Set<Long> ids(List<String> codes) {
    Set<Long> ids = new HashSet<>();
    for (String c : codes == null ? List.<String>of() : codes) {
      if (c == null || c.isBlank()) {
        continue;
      }
      ids.add(
          tenants
              .byCode(c.strip())
              .orElseThrow(
                  () -> Problem.badRequest("unknown-tenant", "tenants", "no client with code " + c))
              .id());
    }
    return ids;
  }
}
