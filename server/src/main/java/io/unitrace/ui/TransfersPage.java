package io.unitrace.ui;

import io.unitrace.facility.Facility;
import io.unitrace.facility.Location;
import io.unitrace.facility.LocationType;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import io.unitrace.transfers.Transfers;
import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The client's transfers between the operator's warehouses, and one transfer's page, where it is
 * received: on a dock of the destination picked once, each unit or container scanned answered at
 * once (received, not on this transfer, arrived already), counted goods by a quantity per line, or
 * everything still on its way in one tap. Each is one {@link Transfers#receive}, the command the
 * API runs, with an Idempotency-Key made when the page was drawn, so a post repeated records once.
 * A plain form: Enter after a scan posts it and the page comes back with the answer at its top; the
 * posts are {@link TransferReceiving}'s. A supervisor closes a transfer short there ({@link
 * TransferClosing}).
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
  private final Facility facility;

  TransfersPage(ClientChoice clients, Transfers transfers, Facility facility) {
    this.clients = clients;
    this.transfers = transfers;
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

  /** The transfer's page: its lines, and for whoever may receive it the dock and the forms. */
  String shown(Model model, TenantScope scope, Transfers.TransferView t, String dock) {
    model.addAttribute("transfer", t);
    model.addAttribute("shippedAt", MINUTE.format(t.shippedAt()));
    model.addAttribute("receivedAt", t.receivedAt() == null ? null : MINUTE.format(t.receivedAt()));
    model.addAttribute("closedAt", t.closedAt() == null ? null : MINUTE.format(t.closedAt()));
    boolean open = "IN_TRANSIT".equals(t.status());
    boolean writes = writes(scope);
    model.addAttribute("writes", writes);
    model.addAttribute("receivable", open && writes);
    model.addAttribute("closable", open && writes && scope.actor().role().atLeast(Role.SUPERVISOR));
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

  static boolean writes(TenantScope scope) {
    return scope.actor().mayWrite(scope.tenantId());
  }
}
