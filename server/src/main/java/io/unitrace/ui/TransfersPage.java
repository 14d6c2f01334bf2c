package io.unitrace.ui;

import io.unitrace.facility.Facility;
import io.unitrace.facility.Location;
import io.unitrace.facility.LocationType;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import io.unitrace.transfers.Transfers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The client's transfers between the operator's warehouses, and one transfer's page, where it is
 * received: on a dock of the destination picked once, each unit or container scanned answered at
 * once (received, not on this transfer, arrived already), counted goods by a quantity per line, or
 * everything still on its way in one tap. Each is one {@link Transfers#receive}, the command the
 * API runs, with an Idempotency-Key made when the page was drawn, so a post repeated records once.
 * A plain form: Enter after a scan posts it and the page comes back with the answer at its top.
 */
@Controller
class TransfersPage {

  /** Transfers listed on one page; the API pages through all of them. */
  static final int PAGE = 50;

  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  /** Docks offered at the destination. */
  private static final int DOCKS = 50;

  private final ClientChoice clients;
  private final Transfers transfers;
  private final TransferScan scans;
  private final Facility facility;

  TransfersPage(ClientChoice clients, Transfers transfers, TransferScan scans, Facility facility) {
    this.clients = clients;
    this.transfers = transfers;
    this.scans = scans;
    this.facility = facility;
  }

  @GetMapping("/transfers")
  String list(
      HttpServletRequest request, Model model, @RequestParam(required = false) String cursor) {
    ClientChoice.Choice choice = clients.of(request);
    if (choice.picked()) {
      model.addAttribute("page", transfers.list(choice.scope(), PickPage.strip(cursor), PAGE));
      model.addAttribute("writes", writes(choice.scope()));
    }
    return "transfers/list";
  }

  @GetMapping("/transfers/{number}")
  String transfer(
      HttpServletRequest request,
      Model model,
      @PathVariable String number,
      @RequestParam(required = false) String shipped) {
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked()) {
      return "transfers/list";
    }
    Transfers.TransferView t = transfers.get(choice.scope(), number);
    if ("new".equals(shipped) || "again".equals(shipped)) {
      model.addAttribute(
          "answer",
          TransferAnswers.done(
              "SHIPPED",
              "Shipped: " + t.number(),
              "On its way from "
                  + t.from()
                  + " to "
                  + t.to()
                  + ("again".equals(shipped)
                      ? ". The same form again: this is its first answer, nothing new recorded."
                      : ".")));
    }
    return shown(model, choice.scope(), t, null);
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
      TransferAnswers.refuse(response, model, p);
      model.addAttribute("refusedLine", line);
    }
    return shown(model, scope, after, at);
  }

  /** A scan: a unit or a container, or counted goods by their label (the label's count, or all). */
  private Transfers.TransferView receiveScan(
      Model model,
      TenantScope scope,
      Transfers.TransferView t,
      String scan,
      String dock,
      String key) {
    TransferScan.Named named = scans.read(scope, scan);
    String what;
    Transfers.TransferView after;
    if (named.unit() != null) {
      after =
          transfers.receive(
              scope, t.number(), dock, List.of(named.unit()), List.of(), List.of(), key);
      what = "unit " + named.unit().serial().value();
    } else if (named.sscc() != null) {
      after =
          transfers.receive(
              scope, t.number(), dock, List.of(), List.of(named.sscc()), List.of(), key);
      what = "container " + named.sscc().value();
    } else {
      Long count = named.count() == null ? null : Long.valueOf(named.count());
      after =
          transfers.receive(
              scope,
              t.number(),
              dock,
              List.of(),
              List.of(),
              List.of(new Transfers.StockAsked(named.gtin(), named.lot(), count)),
              key);
      what = TransferShipPage.what(named.gtin(), named.lot());
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
                + TransferShipPage.what(l.gtin(), l.lot()),
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

  private String shown(Model model, TenantScope scope, Transfers.TransferView t, String dock) {
    model.addAttribute("transfer", t);
    model.addAttribute("shippedAt", MINUTE.format(t.shippedAt()));
    model.addAttribute("receivedAt", t.receivedAt() == null ? null : MINUTE.format(t.receivedAt()));
    boolean open = !"RECEIVED".equals(t.status());
    boolean writes = writes(scope);
    model.addAttribute("writes", writes);
    model.addAttribute("receivable", open && writes);
    if (open && writes) {
      List<String> docks = new ArrayList<>();
      for (Location l : facility.ofType(t.to(), LocationType.DOCK, DOCKS)) {
        docks.add(l.code());
      }
      model.addAttribute("docks", docks);
      model.addAttribute("dock", dock != null ? dock : docks.size() == 1 ? docks.get(0) : null);
      model.addAttribute("key", "ui-" + UUID.randomUUID());
    }
    return "transfers/transfer";
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

  static boolean writes(TenantScope scope) {
    return scope.actor().mayWrite(scope.tenantId());
  }
}
