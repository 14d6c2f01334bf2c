package io.unitrace.recalls;

import io.unitrace.catalog.LotId;
import io.unitrace.catalog.ProductId;
import io.unitrace.ledger.Hold;
import io.unitrace.ledger.Inventory;
import io.unitrace.ledger.Reservations;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * Recall campaigns: drafted with a target and previewed (the affected units counted by where they
 * are), opened (see {@link Opening}), followed to closure (units recovered and destroyed, customers
 * contacted) and closed by a supervisor with the figures frozen and the campaign's own holds lifted
 * (see {@link Closing}).
 */
@Service
public class Recalls {

  /**
   * Counted stock of the affected lots in the building: on RECALL hold, reserved for orders, free.
   */
  public record StockFigures(long held, long onOrders, long free) {}

  /** A campaign as the API shows it. */
  public record CampaignView(
      long id,
      String number,
      String title,
      String reason,
      TargetMode mode,
      String product,
      List<String> lots,
      LocalDate receivedFrom,
      LocalDate receivedTo,
      Integer units,
      String status,
      String createdBy,
      Instant createdAt,
      String openedBy,
      Instant openedAt,
      String closedBy,
      Instant closedAt,
      String closeReason,
      Map<String, Long> affected,
      StockFigures stock,
      Closure figures) {}

  /** A customer to notify. */
  public record CustomerView(
      long id,
      String channel,
      String customer,
      String soldTo,
      List<String> orders,
      int units,
      String lastShipped,
      Long outboxSeq,
      Instant contactedAt,
      String contactedBy) {}

  private final CampaignRows rows;
  private final AffectedSet affected;
  private final Opening opening;
  private final Closing closing;
  private final Figures figures;
  private final Drafting drafting;
  private final Inventory inventory;
  private final TransactionTemplate tx;
  private final ObjectMapper json;
  private final Clock clock;

  Recalls(
      CampaignRows rows,
      AffectedSet affected,
      Opening opening,
      Closing closing,
      Figures figures,
      Drafting drafting,
      Inventory inventory,
      TransactionTemplate tx,
      ObjectMapper json,
      Clock clock) {
    this.rows = rows;
    this.affected = affected;
    this.opening = opening;
    this.closing = closing;
    this.figures = figures;
    this.drafting = drafting;
    this.inventory = inventory;
    this.tx = tx;
    this.json = json;
    this.clock = clock;
  }

  /** A drafted campaign; {@code repeated} when the request key had drafted it already. */
  record Drafted(CampaignView campaign, boolean repeated) {}

  /** Drafts a campaign; refuses bad input naming the field, before anything is written. */
  CampaignView draft(TenantScope scope, Targeting.Asked asked) {
    return draft(scope, asked, null).campaign();
  }

  /**
   * Drafts a campaign once per Idempotency-Key ({@link Drafting}): a repeat of the key answers the
   * campaign it drafted and writes nothing.
   */
  Drafted draft(TenantScope scope, Targeting.Asked asked, String idempotencyKey) {
    Drafting.Drafted d = drafting.draft(scope, asked, idempotencyKey);
    return new Drafted(view(scope, d.id()), d.repeated());
  }

  CampaignRows.Campaign require(TenantScope scope, long id) {
    return rows.find(scope.tenantId(), id)
        .orElseThrow(() -> Problem.notFound("unknown-recall", "no recall campaign " + id));
  }

  CampaignView view(TenantScope scope, long id) {
    CampaignRows.Campaign c = require(scope, id);
    Target t = target(c);
    Map<String, Long> where = new LinkedHashMap<>();
    Closure closure = null;
    switch (c.status()) {
      case "DRAFT" -> {
        Map<Whereabouts, Long> counts = new EnumMap<>(Whereabouts.class);
        long after = 0;
        while (true) {
          AffectedSet.Page page = affected.page(c, t, after, Opening.BATCH);
          page.units().forEach(u -> counts.merge(Whereabouts.of(u.state()), 1L, Long::sum));
          if (!page.more()) {
            break;
          }
          after = page.last();
        }
        counts.forEach((w, n) -> where.put(w.name(), n));
      }
      case "OPEN" -> closure = figures.of(c);
      default -> closure = json.readValue(c.figures(), Closure.class);
    }
    if (closure != null) {
      closure.now().forEach((w, n) -> where.put(w.name(), n));
    }
    return new CampaignView(
        c.id(),
        c.number(),
        c.title(),
        c.reason(),
        c.mode(),
        t.product(),
        t.lots(),
        t.receivedFrom(),
        t.receivedTo(),
        c.mode().listsUnits() ? t.units() : null,
        c.status(),
        c.createdBy(),
        Instant.ofEpochMilli(c.createdAt()),
        c.openedBy(),
        c.openedAt() == null ? null : Instant.ofEpochMilli(c.openedAt()),
        c.closedBy(),
        c.closedAt() == null ? null : Instant.ofEpochMilli(c.closedAt()),
        c.closeReason(),
        where,
        c.mode().byLot() ? stock(scope, t) : null,
        closure);
  }

  private StockFigures stock(TenantScope scope, Target t) {
    long held = 0;
    long staged = 0;
    long free = 0;
    for (Long lot : t.lotIds()) {
      for (Inventory.StockBucket b :
          inventory.stock(scope.tenantId(), new ProductId(t.productId()), new LotId(lot))) {
        if ((b.holds() & Reservations.RESERVED) != 0) {
          staged += b.quantity();
        } else if ((b.holds() & Hold.RECALL.bit()) != 0) {
          held += b.quantity();
        } else {
          free += b.quantity();
        }
      }
    }
    return new StockFigures(held, staged, free);
  }

  CursorPage<CampaignView> list(TenantScope scope, String status, String cursor, int limit) {
    long after = cursor == null ? 0 : CursorPage.decode(cursor);
    List<CampaignRows.Campaign> found = rows.list(scope.tenantId(), status, after, limit + 1);
    return CursorPage.of(found, limit, CampaignRows.Campaign::id).map(c -> view(scope, c.id()));
  }

  /**
   * Opens a draft (or resumes an interrupted opening) and answers the campaign with its figures.
   */
  CampaignView open(TenantScope scope, long id) {
    scope.requireWrite();
    CampaignRows.Campaign c = require(scope, id);
    if (c.status().equals("CLOSED")) {
      throw Problem.conflict("recall-closed", "status", c.number() + " is closed");
    }
    if (c.status().equals("DRAFT")) {
      tx.execute(s -> rows.markOpen(scope.tenantId(), id, scope.actor().who(), clock.millis()));
    }
    c = require(scope, id);
    opening.open(scope, c, target(c));
    return view(scope, id);
  }

  /**
   * Closes an open campaign: a supervisor's decision with a reason. The figures are frozen first,
   * then the campaign's own holds are lifted. Lifting them must not put recalled goods back on sale
   * unnoticed: while affected units or counted goods are still in the building under a hold only
   * this campaign answers for, closing is refused ({@code recall-unresolved}) unless {@code
   * release} says the recall was a false alarm and they go back on sale; the figures then record
   * how much was released. Closing a closed campaign finishes lifting its holds and answers it as
   * it was closed.
   */
  CampaignView close(TenantScope scope, long id, String reason, boolean release) {
    scope.requireRole(Role.SUPERVISOR);
    if (reason == null || reason.isBlank() || reason.length() > 1000) {
      throw Problem.badRequest(
          "invalid-field", "reason", "closing a recall needs a reason of 1 to 1000 characters");
    }
    CampaignRows.Campaign c = require(scope, id);
    if (c.status().equals("DRAFT")) {
      throw Problem.conflict(
          "recall-not-open", "status", c.number() + " was never opened: there is nothing to close");
    }
    if (c.status().equals("OPEN")) {
      Closing.Unresolved left = closing.unresolved(scope, c);
      if (!left.none() && !release) {
        throw Problem.conflict(
            "recall-unresolved",
            "release",
            c.number()
                + " still holds "
                + left.units()
                + " affected units and "
                + left.quantity()
                + " counted goods in the building, and closing would put them back on sale: dispose"
                + " of them (scrap, return to the supplier), or close with release true and a"
                + " reason once they are cleared to be sold");
      }
      String frozen =
          json.writeValueAsString(figures.of(c).released(left.units(), left.quantity()));
      tx.execute(
          s ->
              rows.markClosed(
                  scope.tenantId(),
                  id,
                  scope.actor().who(),
                  reason.strip(),
                  frozen,
                  clock.millis()));
    }
    closing.liftHolds(scope, require(scope, id));
    return view(scope, id);
  }

  CursorPage<CustomerView> customers(TenantScope scope, long id, String cursor, int limit) {
    CampaignRows.Campaign c = require(scope, id);
    long after = cursor == null ? 0 : CursorPage.decode(cursor);
    return CursorPage.of(rows.customers(c.id(), after, limit + 1), limit, CampaignRows.Customer::id)
        .map(Recalls::customer);
  }

  /** Every customer as CSV, a page of rows at a time. */
  void customersCsv(TenantScope scope, long id, Writer out) throws IOException {
    CampaignRows.Campaign c = require(scope, id);
    out.write("campaign,channel,customer,sold_to,orders,units,last_shipped,contacted_at\n");
    long after = 0;
    while (true) {
      List<CampaignRows.Customer> page = rows.customers(c.id(), after, 500);
      for (CampaignRows.Customer k : page) {
        out.write(
            String.join(
                    ",",
                    Csv.cell(c.number()),
                    Csv.cell(k.channel()),
                    Csv.cell(k.customer()),
                    Csv.cell(k.soldTo()),
                    Csv.cell(k.orders().replace(',', ' ')),
                    Integer.toString(k.units()),
                    Csv.cell(k.lastShipped()),
                    k.contactedAt() == null ? "" : Instant.ofEpochMilli(k.contactedAt()).toString())
                + "\n");
        after = k.id();
      }
      if (page.size() < 500) {
        break;
      }
      out.flush();
    }
    out.flush();
  }

  CustomerView contacted(TenantScope scope, long id, long customerId) {
    scope.requireWrite();
    CampaignRows.Campaign c = require(scope, id);
    if (c.status().equals("CLOSED")) {
      throw Problem.conflict(
          "recall-closed", "status", c.number() + " is closed: its figures are frozen");
    }
    rows.customer(c.id(), customerId)
        .orElseThrow(
            () ->
                Problem.notFound(
                    "unknown-customer", c.number() + " has no customer " + customerId));
    tx.execute(s -> rows.contacted(c.id(), customerId, scope.actor().who(), clock.millis()));
    return customer(rows.customer(c.id(), customerId).orElseThrow());
  }

  private static CustomerView customer(CampaignRows.Customer k) {
    return new CustomerView(
        k.id(),
        k.channel(),
        k.customer(),
        k.soldTo(),
        List.of(k.orders().split(",")),
        k.units(),
        k.lastShipped(),
        k.outboxSeq(),
        k.contactedAt() == null ? null : Instant.ofEpochMilli(k.contactedAt()),
        k.contactedBy());
  }

  private Target target(CampaignRows.Campaign c) {
    return StoredTarget.of(c);
  }
}
