package io.unitrace.ui;

import io.unitrace.ledger.Scans;
import io.unitrace.ledger.UnitRef;
import io.unitrace.returns.WarrantyCard;
import io.unitrace.returns.WarrantyLookup;
import io.unitrace.shared.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The warranty lookup for signed-in people: scan a unit (any GS1 form), see its warranty card —
 * status, start and end, terms, the sale, registrations (flagged ones marked), claims and the
 * replacement link. With htmx only the card is fetched, so the next scan can follow at once.
 */
@Controller
class WarrantyPage {

  private final ClientChoice clients;
  private final WarrantyLookup lookup;

  WarrantyPage(ClientChoice clients, WarrantyLookup lookup) {
    this.clients = clients;
    this.lookup = lookup;
  }

  @GetMapping("/warranty")
  String lookup(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam(required = false) String q,
      @RequestHeader(name = "HX-Request", required = false) String htmx) {
    response.addHeader("Vary", "HX-Request");
    boolean fragment = "true".equals(htmx);
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked() && fragment) {
      response.addHeader("HX-Redirect", request.getContextPath() + "/warranty");
      return "warranty/lookup :: result";
    }
    if (choice.picked() && q != null && !q.isBlank()) {
      model.addAttribute("scanned", q.strip());
      try {
        UnitRef ref = Scans.unit(q.strip(), "scan");
        Optional<WarrantyCard> card = lookup.find(choice.scope(), ref);
        if (card.isPresent()) {
          model.addAttribute("card", card.get());
        } else {
          model.addAttribute(
              "problem", "Client " + choice.scope().tenantCode() + " has no unit " + ref + ".");
        }
      } catch (Problem p) {
        model.addAttribute("problem", p.getMessage());
      }
    }
    return fragment ? "warranty/lookup :: result" : "warranty/lookup";
  }
}
