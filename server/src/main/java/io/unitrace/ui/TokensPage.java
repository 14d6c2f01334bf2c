package io.unitrace.ui;

import io.unitrace.shared.Problem;
import io.unitrace.tenancy.Actor;
import io.unitrace.tenancy.ApiTokens;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.Tenants;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * API tokens for scanners and integrations, as the API allows them: anyone signed in issues tokens
 * of their own for the client they work in (read, or write if they may write), sees their tokens
 * for that client, and revokes one; an ADMIN sees and revokes every token of the client. A new
 * token's secret is shown once, on the answer to its creation, and is kept nowhere (the server
 * stores its SHA-256).
 */
@Controller
class TokensPage {

  /** A token as the list shows it: its owner, created and revoked as readable times. */
  record Token(ApiTokens.TokenInfo info, String owner, String created, String revoked) {}

  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final ClientChoice clients;
  private final ApiTokens tokens;
  private final Tenants tenants;

  TokensPage(ClientChoice clients, ApiTokens tokens, Tenants tenants) {
    this.clients = clients;
    this.tokens = tokens;
    this.tenants = tenants;
  }

  @GetMapping("/admin/tokens")
  String list(HttpServletRequest request, Model model) {
    ClientChoice.Choice choice = clients.of(request);
    if (choice.picked()) {
      draw(model, choice);
    }
    return "admin/tokens";
  }

  @PostMapping("/admin/tokens")
  String issue(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam(required = false) String name,
      @RequestParam(required = false) String scope) {
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked()) {
      return "redirect:/admin/tokens";
    }
    Actor me = choice.actor();
    try {
      Tenants.Tenant tenant =
          tenants
              .byCode(choice.scope().tenantCode())
              .orElseThrow(() -> Problem.notFound("unknown-tenant", "the client is gone"));
      ApiTokens.Issued issued =
          tokens.issue(me, tenant, name, PickPage.strip(scope) == null ? "write" : scope.strip());
      model.addAttribute("issued", issued);
      model.addAttribute(
          "answer",
          new UnitActions.Answer(
              true,
              "Done: token " + issued.name() + " created",
              "Copy the secret now: it is shown this once and cannot be shown again.",
              null));
    } catch (Problem p) {
      response.setStatus(p.status());
      model.addAttribute("refusal", p);
      model.addAttribute("answer", UnitActions.refused(p));
      model.addAttribute("name", name);
    }
    draw(model, choice);
    return "admin/tokens";
  }

  @PostMapping("/admin/tokens/{id}/revoke")
  String revoke(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable long id) {
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked()) {
      return "redirect:/admin/tokens";
    }
    try {
      tokens.revoke(choice.actor(), id);
      model.addAttribute(
          "answer",
          new UnitActions.Answer(
              true, "Done: token revoked", "Requests with it are refused from now on.", null));
    } catch (Problem p) {
      response.setStatus(p.status());
      model.addAttribute("answer", UnitActions.refused(p));
    }
    draw(model, choice);
    return "admin/tokens";
  }

  private void draw(Model model, ClientChoice.Choice choice) {
    String client = choice.scope().tenantCode();
    Actor me = choice.actor();
    // An ADMIN sees (and may revoke) every token of the client; anyone else their own.
    boolean all = me.role() == Role.ADMIN && me.tokenId() == null;
    List<ApiTokens.ClientToken> listed =
        all
            ? tokens.ofClient(me, choice.scope().tenantId())
            : tokens.of(me).stream()
                .filter(t -> t.tenant().equals(client))
                .map(t -> new ApiTokens.ClientToken(t, me.username()))
                .toList();
    model.addAttribute(
        "tokens",
        listed.stream()
            .map(
                c ->
                    new Token(
                        c.token(),
                        c.owner(),
                        MINUTE.format(Instant.ofEpochMilli(c.token().createdAt())),
                        c.token().revokedAt() == null
                            ? null
                            : MINUTE.format(Instant.ofEpochMilli(c.token().revokedAt()))))
            .toList());
    model.addAttribute("everyones", all);
    model.addAttribute("writes", choice.actor().mayWrite(choice.scope().tenantId()));
  }
}
