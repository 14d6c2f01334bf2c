package io.unitrace.ui;

import io.unitrace.shared.Problem;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import io.unitrace.transfers.Transfers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Closing a transfer short from its page, a supervisor's decision with a reason: {@link
 * Transfers#closeShort}, the command the API runs, with the page's Idempotency-Key. What had not
 * arrived is reported lost; a refusal (no reason, everything arrived) writes nothing and is shown
 * on the reason.
 */
@Controller
class TransferClosing {

  private final ClientChoice clients;
  private final Transfers transfers;
  private final TransfersPage page;

  TransferClosing(ClientChoice clients, Transfers transfers, TransfersPage page) {
    this.clients = clients;
    this.transfers = transfers;
    this.page = page;
  }

  @PostMapping("/transfers/{number}/close")
  String close(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable String number,
      @RequestParam(required = false) String reason,
      @RequestParam(required = false) String key) {
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked()) {
      return "redirect:/transfers";
    }
    TenantScope scope = choice.scope().requireRole(Role.SUPERVISOR);
    Transfers.TransferView t = transfers.get(scope, number);
    try {
      t = transfers.closeShort(scope, number, reason, PickPage.strip(key));
      model.addAttribute(
          "answer",
          TransferAnswers.done(
              "CLOSED",
              "Closed short: " + t.number(),
              t.lost()
                  + (t.lost() == 1 ? " line" : " lines")
                  + " reported lost on the way. A unit that turns up is recorded found on its"
                  + " card."));
    } catch (Problem p) {
      TransferAnswers.refuse(response, model::addAttribute, p);
      model.addAttribute("reason", reason);
    }
    return page.shown(model, scope, t, null);
  }
}
