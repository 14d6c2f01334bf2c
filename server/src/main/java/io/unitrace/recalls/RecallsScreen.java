package io.unitrace.recalls;

import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * What the recall screens may ask of this module: the client's campaigns with their figures, one
 * campaign with its customers, and the actions on it (open, close, customer contacted), answered in
 * records made to be shown. The screens go through the very service the API does ({@link Recalls}),
 * so every rule and refusal is the same; opening is offered to supervisors on the screen, as
 * closing is.
 */
@Service
public class RecallsScreen {

  /** Campaigns shown per status on the dashboard; the API pages through more. */
  public static final int PER_STATUS = 50;

  /** Customers shown per page of a campaign. */
  public static final int CUSTOMERS_PER_PAGE = 100;

  /** Affected units at one place, as a campaign counts them ({@code key}: the whereabouts). */
  public record Count(String key, String label, long units) {}

  /** Counted stock of the campaign's lots in the building. */
  public record Stock(long held, long onOrders, long free) {}

  /**
   * How far a campaign is from closure: resolved units over affected ones ({@code percent}, to one
   * decimal), customers contacted of those to notify.
   */
  public record Progress(
      long affected,
      long held,
      long atCustomersAtOpening,
      long recovered,
      long destroyed,
      long resolved,
      int customers,
      int contacted,
      double percent) {}

  /**
   * A campaign as a screen shows it: {@code where} lists the affected units by where they are (a
   * preview for a draft, now for an open campaign, frozen at closing for a closed one); {@code
   * progress} is absent for a draft.
   */
  public record Campaign(
      long id,
      String number,
      String title,
      String reason,
      String mode,
      String target,
      String status,
      String createdBy,
      Instant createdAt,
      String openedBy,
      Instant openedAt,
      String closedBy,
      Instant closedAt,
      String closeReason,
      long affected,
      List<Count> where,
      Stock stock,
      Progress progress) {

    public boolean draft() {
      return "DRAFT".equals(status);
    }

    public boolean open() {
      return "OPEN".equals(status);
    }

    public boolean closed() {
      return "CLOSED".equals(status);
    }
  }

  /**
   * The dashboard: open campaigns first, then drafts, then closed ones; {@code more}: not every
   * open campaign or draft is shown; {@code nextClosed}: the cursor of the next closed ones.
   */
  public record Dashboard(
      List<Campaign> open,
      List<Campaign> drafts,
      List<Campaign> closed,
      boolean more,
      String nextClosed) {

    public boolean empty() {
      return open.isEmpty() && drafts.isEmpty() && closed.isEmpty();
    }
  }

  /** A page of a campaign's customers to notify. */
  public record Customers(List<Recalls.CustomerView> items, String next) {}

  private final Recalls recalls;

  RecallsScreen(Recalls recalls) {
    this.recalls = recalls;
  }

  /**
   * Open campaigns, drafts and closed ones, a page of each ({@code closedCursor} pages on through
   * the closed ones, oldest first).
   */
  public Dashboard dashboard(TenantScope scope, String closedCursor) {
    var open = recalls.list(scope, "OPEN", null, PER_STATUS);
    var drafts = recalls.list(scope, "DRAFT", null, PER_STATUS);
    var closed = recalls.list(scope, "CLOSED", closedCursor, PER_STATUS);
    return new Dashboard(
        open.items().stream().map(RecallsScreen::shown).toList(),
        drafts.items().stream().map(RecallsScreen::shown).toList(),
        closed.items().stream().map(RecallsScreen::shown).toList(),
        open.next() != null || drafts.next() != null,
        closed.next());
  }

  public Campaign campaign(TenantScope scope, long id) {
    return shown(recalls.view(scope, id));
  }

  public Customers customers(TenantScope scope, long id, String cursor) {
    var page = recalls.customers(scope, id, cursor, CUSTOMERS_PER_PAGE);
    return new Customers(page.items(), page.next());
  }

  /** Opens a draft: the screen offers it to supervisors only, and holds to it. */
  public Campaign open(TenantScope scope, long id) {
    scope.requireRole(Role.SUPERVISOR);
    return shown(recalls.open(scope, id));
  }

  /**
   * Closes an open campaign; {@code release}: the recall was a false alarm and what is still in the
   * building goes back on sale (without it, such goods refuse the closing).
   */
  public Campaign close(TenantScope scope, long id, String reason, boolean release) {
    return shown(recalls.close(scope, id, reason, release));
  }

  public Recalls.CustomerView contacted(TenantScope scope, long id, long customerId) {
    return recalls.contacted(scope, id, customerId);
  }

  /** Whether this person may open and close campaigns, so that the screen offers it. */
  public static boolean decides(TenantScope scope) {
    return scope.actor().role().atLeast(Role.SUPERVISOR)
        && scope.actor().mayWrite(scope.tenantId());
  }

  /** Whether this person may write for the client (mark customers contacted). */
  public static boolean writes(TenantScope scope) {
    return scope.actor().mayWrite(scope.tenantId());
  }

  private static Campaign shown(Recalls.CampaignView v) {
    Closure f = v.figures();
    List<Count> where = counts(v.affected());
    return new Campaign(
        v.id(),
        v.number(),
        v.title(),
        v.reason(),
        v.mode().name(),
        target(v),
        v.status(),
        v.createdBy(),
        v.createdAt(),
        v.openedBy(),
        v.openedAt(),
        v.closedBy(),
        v.closedAt(),
        v.closeReason(),
        where.stream().mapToLong(Count::units).sum(),
        where,
        v.stock() == null
            ? null
            : new Stock(v.stock().held(), v.stock().onOrders(), v.stock().free()),
        f == null
            ? null
            : new Progress(
                f.affected(),
                f.held(),
                f.atCustomersAtOpening(),
                f.recovered(),
                f.destroyed(),
                f.resolved(),
                f.customers(),
                f.customersContacted(),
                f.percentComplete()));
  }

  /** The affected units by where they are, in the order a unit moves through the building. */
  static List<Count> counts(Map<String, Long> affected) {
    List<Count> out = new ArrayList<>();
    for (Whereabouts w : Whereabouts.values()) {
      Long n = affected.get(w.name());
      if (n != null && n > 0) {
        out.add(new Count(w.name(), label(w), n));
      }
    }
    return out;
  }

  /** Where a unit is, in words for the screen. */
  static String label(Whereabouts w) {
    return switch (w) {
      case EXPECTED -> "Expected";
      case IN_STOCK -> "In stock";
      case ALLOCATED -> "On orders";
      case PICKED -> "Picked";
      case STAGED -> "Packed, not shipped";
      case IN_TRANSIT -> "Between our warehouses";
      case AT_CUSTOMER -> "At customers";
      case RETURNED -> "Returned";
      case MISSING -> "Missing";
      case CONSUMED -> "Built into other units";
      case DESTROYED -> "Destroyed";
      case RETURNED_TO_VENDOR -> "Back with the vendor";
    };
  }

  /** What the campaign recalls, in a line. */
  private static String target(Recalls.CampaignView v) {
    String lots = v.lots() == null ? "" : String.join(", ", v.lots());
    return switch (v.mode()) {
      case LOTS -> v.product() + ", lot" + (v.lots().size() == 1 ? " " : "s ") + lots;
      case RECEIPT_DATES ->
          v.product()
              + ", first seen "
              + (v.receivedFrom() == null ? "any time" : "from " + v.receivedFrom())
              + (v.receivedTo() == null ? "" : " to " + v.receivedTo());
      case SERIALS -> v.units() + " listed unit" + (v.units() == 1 ? "" : "s");
      // a lot that reaches further than its own units (built into others, received under it)
      default ->
          v.mode().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
              + " "
              + v.product()
              + " "
              + lots
              + (v.units() == null ? "" : " (" + v.units() + " units reached)");
    };
  }
}
