package io.unitrace.ui;

import io.unitrace.inbound.Putaway;
import io.unitrace.ledger.EventReceipt;
import io.unitrace.ledger.RequestMeta;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Putaway from the dock, for a handheld with a keyboard-wedge scanner, in two scans into the same
 * field: the goods (a unit in any GS1 form, or an SSCC), answered with what they are and where
 * {@link Putaway} suggests they go; then the location's barcode, which confirms the move and brings
 * the screen back to the first step.
 *
 * <p>Which step the screen is in travels with the form: after the goods scan the page carries them
 * as hidden fields (GTIN + serial, or SSCC, never the raw scan with its control characters), and a
 * scan posted with goods is a location. So the server keeps no state between the two scans, a
 * reload of the page starts afresh, and a form posted twice carries the same Idempotency-Key: one
 * move, the second answer the first one's. Answers come as in receiving: with htmx only the answer
 * and, out of band, the parts of the screen that changed; without JavaScript the page. A refusal is
 * answered with its problem's status, marked {@value ReceivingPage#FRAGMENT_HEADER}.
 *
 * <p>Counted goods (lot-tracked or untracked) are scanned by their label without a serial, or by
 * the GTIN: the Qty typed beside the scan field says how many move, else the label's count, else
 * all there is on the dock. A Qty typed wins over the label's count: the clerk takes part of a
 * case. Goods on several docks are refused with the docks to pick from; the dock picked goes with
 * the next scan. Step 2 then carries the product, the lot, the count shown and the dock, so what
 * moves is what the screen said would move, not whatever the dock holds by the time the bin is
 * scanned.
 */
@Controller
class PutawayPage {

  /**
   * A verdict as the screen shows it; the CSS and colours are receiving's. {@code css} names the
   * outcome ({@code outcome-PUT_AWAY}), {@code loud} ones are alerts.
   */
  record Answer(
      String css, String title, String message, String hint, boolean loud, boolean repeated) {}

  /**
   * The goods of step 2: what the scan named, as hidden fields, and what Putaway says of them;
   * {@code unit} is the unit scanned, null for a container; {@code found.stock()} is set for
   * counted goods.
   */
  record Goods(
      String gtin, String serial, String sscc, Putaway.Suggestions found, Putaway.UnitLine unit) {}

  private final ClientChoice clients;
  private final Putaway putaway;

  PutawayPage(ClientChoice clients, Putaway putaway) {
    this.clients = clients;
    this.putaway = putaway;
  }

  /**
   * Step 1. Asked by htmx (Cancel, Escape) it is the answer to a cancel: the first step again,
   * nothing moved.
   */
  @GetMapping("/putaway")
  String screen(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestHeader(name = "HX-Request", required = false) String htmx) {
    response.addHeader("Vary", "HX-Request");
    ClientChoice.Choice choice = clients.of(request);
    boolean fragment = "true".equals(htmx);
    if (fragment && !choice.picked()) {
      response.addHeader("HX-Redirect", request.getContextPath() + "/putaway");
      return "putaway/answer";
    }
    model.addAttribute("key", newKey());
    if (fragment) {
      model.addAttribute(
          "answer",
          new Answer(
              "outcome-CANCELLED",
              "Cancelled",
              "Nothing was moved. Scan the next goods.",
              null,
              false,
              false));
      model.addAttribute("oob", true);
      return "putaway/answer";
    }
    return "putaway/screen";
  }

  /** Where a browser lands when it reloads a scan POST as a page: the first step. */
  @GetMapping("/putaway/scans")
  String scansAsPage() {
    return "redirect:/putaway";
  }

  @PostMapping("/putaway/scans")
  String scan(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam(required = false) String scan,
      @RequestParam(required = false) String gtin,
      @RequestParam(required = false) String serial,
      @RequestParam(required = false) String sscc,
      @RequestParam(required = false) String lot,
      @RequestParam(required = false) String quantity,
      @RequestParam(required = false) String moving,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String key,
      @RequestHeader(name = "Idempotency-Key", required = false) String keyHeader,
      @RequestHeader(name = "HX-Request", required = false) String htmx) {
    ClientChoice.ScanScope picked = clients.forScan(request, response, htmx, "putaway");
    if (picked.scope() == null) {
      return picked.view();
    }
    TenantScope scope = picked.scope();
    boolean fragment = "true".equals(htmx);
    model.addAttribute("scanned", scan == null ? null : Lookup.visible(scan.strip()));
    model.addAttribute("key", newKey());
    boolean confirming = strip(gtin) != null || strip(sscc) != null;
    if (confirming) {
      confirm(
          scope,
          response,
          model,
          scan,
          new Carried(
              strip(gtin), strip(serial), strip(sscc), strip(lot), strip(moving), strip(from)),
          strip(keyHeader) != null ? strip(keyHeader) : strip(key));
    } else {
      identify(scope, response, model, scan, quantity, strip(from));
    }
    response.addHeader(ReceivingPage.FRAGMENT_HEADER, "scan-answer");
    if (fragment) {
      model.addAttribute("oob", true);
      return "putaway/answer";
    }
    return "putaway/screen";
  }

  // ---------------------------------------------------------------------------------------------

  /** Step 1: the goods scanned, answered with what they are and the suggestions, or refused. */
  private void identify(
      TenantScope scope,
      HttpServletResponse response,
      Model model,
      String scan,
      String quantity,
      String from) {
    try {
      Integer typed = ReceivingPage.quantity(quantity);
      Putaway.Target target = Putaway.target(scan, null, null, null, null, typed, from);
      if (target.counted() == null && typed != null) {
        throw Problem.badRequest(
            "invalid-field",
            "quantity",
            "a unit or a container moves whole: a Qty is for goods counted by lot or "
                + "untracked, scanned by their label or GTIN");
      }
      if (target.counted() != null && typed != null) {
        // The Qty typed, not the label's count: the clerk takes part of a case.
        Putaway.Counted c = target.counted();
        target = Putaway.target(null, c.gtin().value(), null, null, c.lot(), typed, c.from());
      }
      Putaway.Suggestions found = putaway.suggest(scope, target);
      Goods goods = goods(target, found);
      model.addAttribute("goods", goods);
      Putaway.StockLine stock = found.stock();
      String them = stock != null ? "them" : "it";
      String where =
          found.suggestions().isEmpty()
              ? "No place to suggest: scan the location you put " + them + " in."
              : "Scan the location you put "
                  + them
                  + " in: "
                  + found.suggestions().get(0).code()
                  + " is suggested.";
      String title =
          stock != null
              ? stock.moving() + " × " + what(stock) + " on " + found.at()
              : found.container() != null
                  ? (found.container().inside() != null
                          ? "Container out of " + found.container().inside() + " on "
                          : "Container on ")
                      + found.at()
                  : "Unit on " + found.at();
      String message =
          stock != null
              ? "Moving "
                  + stock.moving()
                  + " of the "
                  + stock.onDock()
                  + " on "
                  + found.at()
                  + ". "
                  + where
              : where;
      model.addAttribute("answer", new Answer("outcome-GOODS", title, message, null, false, false));
    } catch (Problem p) {
      refuse(response, model, p, scan, false);
    }
  }

  /**
   * What the page carried from step 1 to step 2 as hidden fields: a unit, a container, or counted
   * goods with the count shown and its dock.
   */
  private record Carried(
      String gtin, String serial, String sscc, String lot, String moving, String from) {}

  /**
   * Step 2: the location scanned for the goods of the form; a refusal keeps the goods for another
   * location.
   */
  private void confirm(
      TenantScope scope,
      HttpServletResponse response,
      Model model,
      String scan,
      Carried carried,
      String key) {
    Putaway.Target target;
    try {
      target =
          Putaway.target(
              null,
              carried.gtin(),
              carried.serial(),
              carried.sscc(),
              carried.lot(),
              ReceivingPage.quantity(carried.moving()),
              carried.from());
    } catch (Problem p) {
      refuse(response, model, p, scan, false); // goods fields altered on the page: start again
      return;
    }
    try {
      Putaway.Done done =
          putaway.putAway(
              scope, target, strip(scan), new RequestMeta(key, null, null, strip(scan), List.of()));
      model.addAttribute("answer", done(done, target));
    } catch (Problem p) {
      refuse(response, model, p, scan, true);
      try {
        model.addAttribute("goods", goods(target, putaway.suggest(scope, target)));
      } catch (Problem gone) {
        // Moved meanwhile by someone else: the goods are no longer to put away, so the screen is
        // back at
        // the first step, with the refusal that says where they are now.
        refuse(response, model, gone, scan, false);
      }
    }
  }

  private static Goods goods(Putaway.Target target, Putaway.Suggestions found) {
    return target.sscc() != null
        ? new Goods(null, null, target.sscc().value(), found, null)
        : target.counted() != null
            ? new Goods(target.counted().gtin().value(), null, null, found, null)
            : new Goods(
                target.unit().gtin().value(),
                target.unit().serial().value(),
                null,
                found,
                found.units().get(0));
  }

  /** Counted goods in the dock's words: the SKU, and its lot if it has one. */
  private static String what(Putaway.StockLine stock) {
    return stock.sku() + (stock.lot() == null ? "" : " lot " + stock.lot());
  }

  private static Answer done(Putaway.Done done, Putaway.Target target) {
    EventReceipt r = done.receipt();
    String at = " is now at " + done.location() + ".";
    String moved =
        target.sscc() != null
            ? "Container "
                + target.sscc().value()
                + " with "
                + r.unitCount()
                + (r.unitCount() == 1 ? " unit" : " units")
                + at
            : target.counted() != null ? counted(r, done.location()) : "Unit " + target.unit() + at;
    String followed =
        done.followedSuggestion() == null
            ? null
            : done.followedSuggestion()
                ? "As suggested."
                : done.suggested() == null
                    ? "No place was suggested."
                    : "Not the suggestion: " + done.suggested() + " was suggested.";
    return new Answer(
        "outcome-PUT_AWAY", "Put away to " + done.location(), moved, followed, false, r.repeated());
  }

  /**
   * What the ledger moved of counted goods, as it says (the same on a repeat): how many of what
   * arrived, and how many are there now.
   */
  private static String counted(EventReceipt r, String location) {
    return r.stock().stream()
        .filter(s -> location.equals(s.location()) && s.delta() > 0)
        .findFirst()
        .map(
            s ->
                s.delta()
                    + " × "
                    + s.sku()
                    + (s.lot() == null ? "" : " lot " + s.lot())
                    + " now at "
                    + location
                    + ": "
                    + s.quantity()
                    + " there in all.")
        .orElse("The goods are now at " + location + ".");
  }

  private static void refuse(
      HttpServletResponse response, Model model, Problem p, String scan, boolean location) {
    response.setStatus(p.status());
    WarehouseWords.Said said = WarehouseWords.refusal(p);
    model.addAttribute("standard", said.standard());
    model.addAttribute(
        "answer",
        new Answer(
            "outcome-REFUSED",
            title(p, location),
            said.plain(),
            hint(p, scan, location),
            true,
            false));
    // Goods on several docks: the docks to pick from, for the next scan.
    if (p.extras().get("docks") instanceof List<?> docks) {
      model.addAttribute("docks", docks);
    }
  }

  /**
   * The headline of a refusal, in the words of the dock; the service's message says the specifics.
   */
  static String title(Problem p, boolean location) {
    return switch (p.code()) {
      case "not-on-dock" -> "Not on a dock";
      case "wrong-location-type" -> "Wrong location type";
      case "unknown-location" -> "Unknown location";
      case "unit-in-container" -> "Packed in a container";
      case "container-nested" -> "Inside another container";
      case "unknown-unit" -> "Unknown unit";
      case "unknown-container" -> "Unknown container";
      case "insufficient-stock" -> "Not enough on the dock";
      case "on-several-docks" -> "On several docks";
      case "lot-required" -> "Lot required";
      case "unknown-lot" -> "Unknown lot";
      case "unknown-gtin" -> "Unknown GTIN";
      case "serial-required" -> "Serial required";
      case "not-lot-tracked" -> "Not tracked by lot";
      default ->
          "quantity".equals(p.field())
              ? "Qty refused"
              : location ? "Location refused" : "Scan refused";
    };
  }

  private static String hint(Problem p, String scan, boolean location) {
    Object sscc = p.extras().get("sscc");
    if (sscc != null) {
      return "Scan the SSCC " + sscc + " to put the whole container away.";
    }
    String counted =
        switch (p.code()) {
          case "insufficient-stock" ->
              "Type a Qty of " + p.extras().get("available") + " or less and scan the label again.";
          case "on-several-docks" ->
              "Pick the dock they are taken from, then scan the label again.";
          case "lot-required" ->
              "Scan the label that carries the lot (10): the GTIN alone does not say which lot.";
          case "serial-required" ->
              "Scan the unit's own code, GTIN and serial, or its container's SSCC.";
          default -> null;
        };
    if (counted != null) {
      return counted;
    }
    if (!location
        && "scan".equals(p.field())
        && scan != null
        && !scan.isBlank()
        && !Lookup.announcesGs1(scan.strip())) {
      return "Scan the unit's GS1 code (GTIN and serial) or the SSCC label: a plain serial does not name its product.";
    }
    return null;
  }

  /**
   * Rendered for the page without JavaScript; the page's script replaces it with one of its own for
   * every scan.
   */
  private static String newKey() {
    return "ui-" + UUID.randomUUID();
  }

  private static String strip(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
