package io.unitrace.ui;

import io.unitrace.catalog.Catalog;
import io.unitrace.facility.Facility;
import io.unitrace.ledger.UnitRef;
import io.unitrace.ledger.Units;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import io.unitrace.transfers.TransferInput;
import io.unitrace.transfers.Transfers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Shipping a transfer: the warehouse the goods leave and the one they go to, then the load built by
 * scans (a unit, or an outermost container by its SSCC) and by lines of counted goods (a product by
 * GTIN or SKU, its lot, a quantity and the location it leaves from); Ship sends it all in one
 * {@link Transfers#ship} and opens the transfer.
 *
 * <p>The load travels with the form as hidden fields, as putaway carries its goods between two
 * scans: the server keeps nothing between posts, and each post redraws the page with the load as it
 * now stands. The Idempotency-Key is made when the warehouses are picked and stays with the form,
 * so Ship tapped twice ships once and the second tap opens the transfer the first one made.
 */
@Controller
class TransferShipPage {

  /** The counted-goods fields as typed, kept on the page when refused or prefilled by a label. */
  record Typed(String product, String lot, String quantity, String location) {}

  private final ClientChoice clients;
  private final Transfers transfers;
  private final TransferScan scans;
  private final Units units;
  private final Catalog catalog;
  private final Facility facility;

  TransferShipPage(
      ClientChoice clients,
      Transfers transfers,
      TransferScan scans,
      Units units,
      Catalog catalog,
      Facility facility) {
    this.clients = clients;
    this.transfers = transfers;
    this.scans = scans;
    this.units = units;
    this.catalog = catalog;
    this.facility = facility;
  }

  /** First the two warehouses; once both are picked (and differ), the scan screen. */
  @GetMapping("/transfers/new")
  String start(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to) {
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked()) {
      return "transfers/ship";
    }
    choice.scope().requireWrite();
    String origin = PickPage.strip(from);
    String destination = PickPage.strip(to);
    model.addAttribute("warehouses", facility.warehouses());
    model.addAttribute("from", origin);
    model.addAttribute("to", destination);
    if (origin != null || destination != null) {
      try {
        route(origin, destination);
        model.addAttribute("started", true);
        model.addAttribute("load", TransferLoad.none());
        model.addAttribute("typed", new Typed(null, null, null, null));
        model.addAttribute("key", "ui-" + UUID.randomUUID());
      } catch (Problem p) {
        TransferAnswers.refuse(response, model::addAttribute, p);
      }
    }
    return "transfers/ship";
  }

  @PostMapping("/transfers/new")
  String post(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String action,
      @RequestParam(required = false) String scan,
      @RequestParam(required = false) String remove,
      @RequestParam(required = false) String product,
      @RequestParam(required = false) String lot,
      @RequestParam(required = false) String quantity,
      @RequestParam(required = false) String location,
      @RequestParam(required = false) String key) {
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked()) {
      return "redirect:/transfers/new";
    }
    TenantScope scope = choice.scope().requireWrite();
    String origin = PickPage.strip(from);
    String destination = PickPage.strip(to);
    TransferLoad load = TransferLoad.of(request);
    Typed typed = new Typed(product, lot, quantity, location);
    String formKey = PickPage.strip(key) == null ? "ui-" + UUID.randomUUID() : key.strip();
    model.addAttribute("scanned", scan == null ? null : Lookup.visible(scan.strip()));
    try {
      String act = action == null ? "scan" : action;
      if (remove != null) {
        load.remove(remove);
        model.addAttribute(
            "answer",
            TransferAnswers.done("CANCELLED", "Taken off the load", "The rest of the load stays."));
      } else if ("ship".equals(act)) {
        Transfers.Shipped s =
            transfers.ship(
                scope, origin, destination, load.refs(), load.ssccs(), load.stockOut(), formKey);
        return "redirect:/transfers/"
            + s.transfer().number()
            + "?shipped="
            + (s.repeated() ? "again" : "new");
      } else if ("line".equals(act) || (PickPage.strip(scan) == null && typedSomething(typed))) {
        TransferLoad.Line line = line(scope, typed);
        load.add(line);
        typed = new Typed(null, null, null, null);
        model.addAttribute(
            "answer",
            TransferAnswers.done(
                "GOODS",
                "On the load: " + line.quantity() + " × " + what(line.gtin(), line.lot()),
                "Leaving from " + line.from() + "."));
      } else {
        typed = scanned(scope, model, scan, load, typed);
      }
    } catch (Problem p) {
      TransferAnswers.refuse(response, model::addAttribute, p);
      model.addAttribute("refusedUnit", load.refusedUnit(p));
    }
    model.addAttribute("warehouses", facility.warehouses());
    model.addAttribute("from", origin);
    model.addAttribute("to", destination);
    model.addAttribute("started", true);
    model.addAttribute("load", load);
    model.addAttribute("typed", typed);
    model.addAttribute("key", formKey);
    return "transfers/ship";
  }

  /** One scan: a unit or container onto the load, or a lot label that fills the counted line. */
  private Typed scanned(
      TenantScope scope, Model model, String scan, TransferLoad load, Typed typed) {
    TransferScan.Named named = scans.read(scope, scan);
    if (named.sscc() != null) {
      String sscc = named.sscc().value();
      if (!load.add(sscc)) {
        throw Problem.conflict("already-on-load", "scan", "Container " + sscc + " is on the load.");
      }
      model.addAttribute(
          "answer",
          TransferAnswers.done(
              "GOODS",
              "On the load: container " + sscc,
              "It travels whole, with everything in it."));
      return typed;
    }
    if (named.unit() != null) {
      UnitRef ref = named.unit();
      Units.UnitView u =
          units
              .find(scope, ref)
              .orElseThrow(
                  () ->
                      Problem.unprocessable(
                          "unknown-unit",
                          "scan",
                          "Client " + scope.tenantCode() + " has no unit " + ref + "."));
      if (!load.add(new TransferLoad.Piece(u.gtin(), u.serial()))) {
        throw Problem.conflict(
            "already-on-load", "scan", "Unit " + u.serial() + " is on the load.");
      }
      model.addAttribute(
          "answer",
          TransferAnswers.done(
              "GOODS",
              "On the load: unit " + u.serial(),
              (u.sku() == null ? "" : u.sku() + ", ")
                  + (u.location() == null ? u.state().name() : "at " + u.location())
                  + "."));
      return typed;
    }
    model.addAttribute(
        "answer",
        TransferAnswers.done(
            "GOODS",
            "Counted goods: " + what(named.gtin(), named.lot()),
            "Type the quantity and the location they leave from, then Add line."));
    return new Typed(
        named.gtin(),
        named.lot(),
        named.count() == null ? null : String.valueOf(named.count()),
        typed.location());
  }

  /** A counted line as typed: the product by GTIN or SKU, its lot, a quantity, a location. */
  private TransferLoad.Line line(TenantScope scope, Typed typed) {
    String product = PickPage.strip(typed.product());
    if (product == null) {
      throw Problem.badRequest("invalid-field", "product", "name the product by GTIN or SKU");
    }
    String gtin;
    try {
      gtin =
          product.matches("[0-9]{8,14}")
              ? TransferInput.gtin("product", product)
              : StockActions.gtin(catalog, scope, product);
    } catch (Problem p) {
      throw p.at("product");
    }
    String lotCode;
    try {
      lotCode = TransferInput.lot("stock", typed.lot());
    } catch (Problem p) {
      throw p.at("lot");
    }
    String q = PickPage.strip(typed.quantity());
    long count;
    try {
      count = q == null ? 0 : Long.parseLong(q);
    } catch (NumberFormatException e) {
      count = 0;
    }
    if (count < 1) {
      throw Problem.badRequest(
          "invalid-field", "quantity", "a quantity is a whole number of at least 1");
    }
    String from = PickPage.strip(typed.location());
    if (from == null) {
      throw Problem.badRequest(
          "invalid-field", "location", "name the location the goods leave from");
    }
    return new TransferLoad.Line(gtin, lotCode, from, count);
  }

  private static boolean typedSomething(Typed t) {
    return PickPage.strip(t.product()) != null || PickPage.strip(t.quantity()) != null;
  }

  /** The two warehouses picked, and not the same one. */
  private void route(String from, String to) {
    for (String[] w : new String[][] {{"from", from}, {"to", to}}) {
      if (w[1] == null) {
        throw Problem.badRequest("invalid-field", w[0], "pick the warehouse");
      }
      if (facility.warehouses().stream().noneMatch(x -> x.code().equals(w[1]))) {
        throw Problem.unprocessable("unknown-warehouse", w[0], "no warehouse with code " + w[1]);
      }
    }
    if (from.equals(to)) {
      throw Problem.unprocessable(
          "same-warehouse",
          "to",
          "a transfer goes to another warehouse; inside " + from + " goods are moved");
    }
  }

  /** Counted goods in the dock's words: the GTIN, and its lot if it has one. */
  static String what(String gtin, String lot) {
    return gtin + (lot == null ? "" : " lot " + lot);
  }
}
