package io.unitrace.ui;

import io.unitrace.recalls.Recalls;
import io.unitrace.recalls.RecallsScreen;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The recall dashboard and a campaign's page, for the office. The dashboard lists the client's
 * campaigns, open ones first, then drafts, then closed ones, each with what it recalls, where the
 * affected units are and how far it is from closure. A campaign's page adds the customers to
 * notify, each marked contacted with one tap, and for a supervisor the decisions: open a draft,
 * close an open campaign with a reason. Every action is a plain post that works without JavaScript
 * and answers with the campaign as it now stands, or the refusal with the campaign as it was; each
 * is safe to repeat (a customer contacted twice keeps the first time, a closed campaign closes
 * once).
 */
@Controller
class RecallsPage {

  /** What an action came to: {@code ok} false for a refusal. */
  record Answer(boolean ok, String title, String message) {}

  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final ClientChoice clients;
  private final RecallsScreen recalls;

  RecallsPage(ClientChoice clients, RecallsScreen recalls) {
    this.clients = clients;
    this.recalls = recalls;
  }

  @GetMapping("/recalls")
  String dashboard(
      HttpServletRequest request, Model model, @RequestParam(required = false) String closed) {
    ClientChoice.Choice choice = clients.of(request);
    if (choice.picked()) {
      model.addAttribute("dashboard", recalls.dashboard(choice.scope(), PickPage.strip(closed)));
    }
    return "recalls/dashboard";
  }

  @GetMapping("/recalls/{id}")
  String campaign(
      HttpServletRequest request,
      Model model,
      @PathVariable long id,
      @RequestParam(required = false) String cursor) {
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked()) {
      return "recalls/dashboard";
    }
    return shown(model, choice.scope(), recalls.campaign(choice.scope(), id), cursor, null);
  }

  @PostMapping("/recalls/{id}/open")
  String open(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable long id) {
    return act(
        request,
        response,
        model,
        id,
        scope -> {
          RecallsScreen.Campaign c = recalls.open(scope, id);
          return new Answer(
              true,
              c.number() + " is open",
              "Held what is in the building ("
                  + (c.progress() == null ? 0 : c.progress().held())
                  + " units) and listed "
                  + (c.progress() == null ? 0 : c.progress().customers())
                  + " customers to notify.");
        });
  }

  @PostMapping("/recalls/{id}/close")
  String close(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable long id,
      @RequestParam(required = false) String reason,
      @RequestParam(defaultValue = "false") boolean release) {
    return act(
        request,
        response,
        model,
        id,
        scope -> {
          RecallsScreen.Campaign c = recalls.close(scope, id, reason, release);
          return new Answer(
              true,
              c.number() + " is closed",
              "Its figures are frozen as they stand below, and its holds are lifted.");
        });
  }

  @PostMapping("/recalls/{id}/customers/{customerId}/contacted")
  String contacted(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable long id,
      @PathVariable long customerId) {
    return act(
        request,
        response,
        model,
        id,
        scope -> {
          Recalls.CustomerView k = recalls.contacted(scope, id, customerId);
          return new Answer(
              true,
              "Contacted: " + k.customer(),
              "Recorded by " + k.contactedBy() + " at " + MINUTE.format(k.contactedAt()) + ".");
        });
  }

  /**
   * An action on one campaign at the client picked: its answer with the campaign as it now stands,
   * or the refusal with the campaign as it is.
   */
  private String act(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      long id,
      Function<TenantScope, Answer> action) {
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked()) {
      return "redirect:/recalls";
    }
    TenantScope scope = choice.scope();
    Answer answer;
    try {
      answer = action.apply(scope);
    } catch (Problem p) {
      response.setStatus(p.status());
      model.addAttribute("refusal", p);
      answer = new Answer(false, "Refused: " + p.code().replace('-', ' '), p.getMessage());
    }
    return shown(model, scope, recalls.campaign(scope, id), null, answer);
  }

  private String shown(
      Model model, TenantScope scope, RecallsScreen.Campaign c, String cursor, Answer answer) {
    model.addAttribute("campaign", c);
    if (!c.draft()) {
      model.addAttribute("customers", recalls.customers(scope, c.id(), PickPage.strip(cursor)));
    }
    model.addAttribute("decides", RecallsScreen.decides(scope));
    model.addAttribute("writes", RecallsScreen.writes(scope));
    if (answer != null) {
      model.addAttribute("answer", answer);
    }
    return "recalls/campaign";
  }
}
