package io.unitrace.ui;

import io.unitrace.tenancy.TenantScope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The lookup page: one field for a scan or typed text, the unit card below it. With htmx the form
 * asks only for the result and swaps it in, so the scanner can fire the next scan at once; without
 * JavaScript the same URL draws the whole page.
 */
@Controller
class UnitLookup {

  private final ClientChoice clients;
  private final Lookup lookup;

  UnitLookup(ClientChoice clients, Lookup lookup) {
    this.clients = clients;
    this.lookup = lookup;
  }

  @GetMapping("/units/lookup")
  String lookup(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String gtin,
      @RequestParam(required = false) String serial,
      @RequestHeader(name = "HX-Request", required = false) String htmx,
      @RequestHeader(name = "HX-History-Restore-Request", required = false) String restore) {
    // The same URL answers with a fragment or a page: caches must keep them apart.
    response.addHeader("Vary", "HX-Request");
    boolean fragment = "true".equals(htmx) && !"true".equals(restore);
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked() && fragment) {
      // The session lost its client (expired, or access withdrawn): a whole page asks for one.
      response.addHeader("HX-Redirect", request.getContextPath() + "/units/lookup");
      return "units/lookup :: result";
    }
    if (choice.picked()) {
      Lookup.Outcome outcome = null;
      if (q != null && !q.isBlank()) {
        model.addAttribute("scanned", Lookup.visible(q.strip()));
        outcome = lookup.scan(choice.scope(), q);
      } else if (gtin != null && serial != null) {
        outcome = lookup.unit(choice.scope(), gtin, serial);
      }
      show(outcome, choice.scope(), model);
    }
    return fragment ? "units/lookup :: result" : "units/lookup";
  }

  /** The outcome into the model; a unit's card comes with the actions its viewer may take. */
  static void show(Lookup.Outcome outcome, TenantScope scope, Model model) {
    if (outcome instanceof Lookup.Found f) {
      model.addAttribute("card", f.card());
      model.addAttribute("acts", UnitActions.allowed(scope, f.card().unit()));
    } else if (outcome instanceof Lookup.Choices c) {
      model.addAttribute("choices", c);
    } else if (outcome instanceof Lookup.NotFound n) {
      model.addAttribute("notFound", n);
    } else if (outcome instanceof Lookup.Unreadable u) {
      model.addAttribute("unreadable", u);
    }
  }
}
