package io.unitrace.ui;

import io.unitrace.gs1.Sscc;
import io.unitrace.ledger.UnitRef;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import io.unitrace.transfers.Transfers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Receiving a transfer on its page, one post at a time: a scan (a unit, a container, or counted
 * goods by their label), a quantity on one counted line (Enter in its Qty means that line), or
 * everything still on its way. Each post is one {@link Transfers#receive} on the dock picked, with
 * the form's Idempotency-Key; the answer, or the refusal (nothing written), comes back with the
 * transfer as it now stands.
 */
@Controller
class TransferReceiving {

  private final ClientChoice clients;
  private final Transfers transfers;
  private final TransferScan scans;
  private final TransfersPage page;

  TransferReceiving(
      ClientChoice clients, Transfers transfers, TransferScan scans, TransfersPage page) {
    this.clients = clients;
    this.transfers = transfers;
    this.scans = scans;
    this.page = page;
  }

  @GetMapping("/transfers/{number}/receive")
  String receiveAsPage(@PathVariable String number) {
    return "redirect:/transfers/" + number;
  }

  @PostMapping("/transfers/{number}/receive")
  String receive(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable String number,
      @RequestParam(required = false) String action,
      @RequestParam(required = false) String scan,
      @RequestParam(required = false) String dock,
      @RequestParam(required = false) String key) {
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked()) {
      return "redirect:/transfers";
    }
    TenantScope scope = choice.scope().requireWrite();
    Transfers.TransferView before = transfers.get(scope, number);
    String at = PickPage.strip(dock);
    String requestKey = PickPage.strip(key);
    model.addAttribute("scanned", scan == null ? null : Lookup.visible(scan.strip()));
    Transfers.TransferView after = before;
    Integer line = null;
    try {
      String act = action == null ? "scan" : action;
      line = act.startsWith("line:") ? index(act.substring(5)) : null;
      if (line == null && "scan".equals(act) && PickPage.strip(scan) == null) {
        line = typedLine(request, before);
      }
      if ("all".equals(act)) {
        after = transfers.receive(scope, number, at, List.of(), List.of(), List.of(), requestKey);
        model.addAttribute(
            "answer",
            TransferAnswers.done(
                "RECEIVED",
                "Received everything still on its way",
                "On " + at + ": " + after.number() + " is " + after.status() + "."));
      } else if (line != null) {
        after = receiveLine(request, model, scope, before, line, at, requestKey);
      } else {
        after = receiveScan(model, scope, before, scan, at, requestKey);
      }
    } catch (Problem p) {
      TransferAnswers.refuse(response, model::addAttribute, p);
      model.addAttribute("refusedLine", line);
    }
    return page.shown(model, scope, after, at);
  }

  /** A scan: a unit or a container, or counted goods by their label (the label's count, or all). */
  private Transfers.TransferView receiveScan(
      Model model,
      TenantScope scope,
      Transfers.TransferView t,
      String scan,
      String dock,
      String requestKey) {
    TransferScan.Named named = scans.read(scope, scan);
    String what;
    String key; // what the transfer calls it, as its refusals name it
    List<UnitRef> units = List.of();
    List<Sscc> containers = List.of();
    List<Transfers.StockAsked> stock = List.of();
    if (named.unit() != null) {
      units = List.of(named.unit());
      what = "unit " + named.unit().serial().value();
      key = named.unit().gtin().value() + "/" + named.unit().serial().value();
    } else if (named.sscc() != null) {
      containers = List.of(named.sscc());
      what = "container " + named.sscc().value();
      key = named.sscc().value();
    } else {
      Long count = named.count() == null ? null : Long.valueOf(named.count());
      stock = List.of(new Transfers.StockAsked(named.gtin(), named.lot(), count));
      what = TransferShipPage.what(named.gtin(), named.lot());
      key = what;
    }
    Transfers.TransferView after;
    try {
      after = transfers.receive(scope, t.number(), dock, units, containers, stock, requestKey);
    } catch (Problem p) {
      throw TransferAnswers.naming(p, key, what);
    }
    model.addAttribute(
        "answer", TransferAnswers.done("RECEIVED", "Received: " + what, onDock(dock, after)));
    return after;
  }

  /** Counted goods of one line of the transfer: the quantity typed, or all still on its way. */
  private Transfers.TransferView receiveLine(
      HttpServletRequest request,
      Model model,
      TenantScope scope,
      Transfers.TransferView t,
      int line,
      String dock,
      String key) {
    if (line < 0 || line >= t.stock().size()) {
      throw Problem.badRequest("invalid-field", "stock", "no such line on " + t.number());
    }
    Transfers.StockLine l = t.stock().get(line);
    String typed = PickPage.strip(request.getParameter("qty-" + line));
    Long quantity;
    try {
      quantity = typed == null ? null : Long.valueOf(typed);
    } catch (NumberFormatException e) {
      throw Problem.badRequest(
          "invalid-field", "quantity", "a quantity is a whole number, not “" + typed + "”");
    }
    Transfers.TransferView after =
        transfers.receive(
            scope,
            t.number(),
            dock,
            List.of(),
            List.of(),
            List.of(new Transfers.StockAsked(l.gtin(), l.lot(), quantity)),
            key);
    Transfers.StockLine now = after.stock().get(line);
    model.addAttribute(
        "answer",
        TransferAnswers.done(
            "RECEIVED",
            "Received "
                + (now.arrived() - l.arrived())
                + " × "
                + TransferShipPage.what(l.sku() != null ? l.sku() : l.gtin(), l.lot()),
            "On "
                + dock
                + ": "
                + now.arrived()
                + " of "
                + now.quantity()
                + " arrived, "
                + (now.quantity() - now.arrived())
                + " still on its way."));
    return after;
  }

  /** Enter in one line's Qty posts the form as a scan with none: that line is meant. */
  private static Integer typedLine(HttpServletRequest request, Transfers.TransferView t) {
    Integer typed = null;
    for (int i = 0; i < t.stock().size(); i++) {
      if (PickPage.strip(request.getParameter("qty-" + i)) != null) {
        if (typed != null) {
          return null;
        }
        typed = i;
      }
    }
    return typed;
  }

  private static Integer index(String text) {
    try {
      return Integer.valueOf(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String onDock(String dock, Transfers.TransferView t) {
    return "On "
        + dock
        + ". "
        + (t.onTheWay() == 0
            ? "Everything on " + t.number() + " has arrived."
            : t.onTheWay() + (t.onTheWay() == 1 ? " line" : " lines") + " still on its way.");
  }
}
