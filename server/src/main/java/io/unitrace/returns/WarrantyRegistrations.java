package io.unitrace.returns;

import io.unitrace.gs1.Gtin;
import io.unitrace.ledger.Inventory;
import io.unitrace.ledger.UnitRef;
import io.unitrace.ledger.UnitState;
import io.unitrace.outbound.Sales;
import io.unitrace.shared.Problem;
import io.unitrace.shared.Text;
import io.unitrace.tenancy.Tenants;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Warranty registration by the end customer, without signing in: on a client's public page or
 * through its public API. The form names the unit (GTIN and serial, as printed on the product), the
 * purchase date and a contact.
 *
 * <p>What a stranger may learn is kept to nothing: the answer is a reference, whatever the unit's
 * story; an unknown unit and another client's unit get the same "not found". The unit must exist in
 * the client's books; it need not have been shipped by us (a reseller may have sold it: then the
 * warranty runs from the registered purchase date). Suspicious registrations are stored, flagged,
 * for the client to look at, never refused: a second party (another e-mail) registering the same
 * serial flags both; a unit still in our warehouse, or bought before we shipped it, flags the row.
 * The same party again finds its first registration (idempotent).
 *
 * <p>A new registration is published ({@link WarrantyRegistered}) inside its transaction: one
 * nobody doubts activates the unit's licence key there and then, so the registration and the
 * activation commit together; a flagged one activates nothing.
 *
 * <p>Rate limit: a token bucket per client and caller address. Only a well-formed request costs a
 * token: a malformed one is refused from its own text, as cheaply as a 429, and reads nothing.
 * Behind a reverse proxy, set {@code server.forward-headers-strategy} so the caller's address is
 * the client's, not the proxy's.
 */
@Service
public class WarrantyRegistrations {

  /** What the end customer sends. {@code purchaseDate} is yyyy-MM-dd. */
  public record RegistrationForm(String gtin, String serial, String purchaseDate, Contact contact) {

    public RegistrationForm {}
  }

  public record Contact(String name, String email) {

    public Contact {
      Text.line("name", name, 200);
      Text.line("email", email, 254);
    }
  }

  /** The answer to the public: the reference, and nothing about the unit or other parties. */
  public record Registered(String reference, LocalDate purchaseDate, boolean created) {}

  /** Where a registration came from. */
  public enum Source {
    PAGE,
    API
  }

  /** Units in our warehouse, not yet shipped: nobody can have bought them. */
  private static final Set<UnitState> IN_STOCK =
      EnumSet.of(
          UnitState.RECEIVED,
          UnitState.STORED,
          UnitState.ALLOCATED,
          UnitState.PICKED,
          UnitState.PACKED);

  private final Tenants tenants;
  private final Inventory inventory;
  private final Sales sales;
  private final JdbcClient db;
  private final Clock clock;
  private final RateLimit limit;
  private final TransactionTemplate tx;
  private final ApplicationEventPublisher events;

  WarrantyRegistrations(
      Tenants tenants,
      Inventory inventory,
      Sales sales,
      JdbcClient db,
      Clock clock,
      TransactionTemplate tx,
      ApplicationEventPublisher events,
      @Value("${unitrace.warranty.registrations.per-minute:5}") int perMinute,
      @Value("${unitrace.warranty.registrations.burst:10}") int burst) {
    this.tenants = tenants;
    this.inventory = inventory;
    this.sales = sales;
    this.db = db;
    this.clock = clock;
    this.tx = tx;
    this.events = events;
    this.limit = new RateLimit(perMinute, burst, 100_000, System::nanoTime);
  }

  static String reference(long id) {
    return "WR-" + id;
  }

  /**
   * Registers the unit for client {@code clientCode}; {@code caller} is the caller's address, the
   * key of the rate limit.
   */
  public Registered register(
      String clientCode, RegistrationForm form, String caller, Source source) {
    if (form == null) {
      throw Problem.badRequest("invalid-field", "gtin", "send gtin, serial, purchaseDate, contact");
    }
    Gtin gtin = WarrantyInput.gtin("gtin", form.gtin());
    UnitRef ref = WarrantyInput.unit("", null, gtin.value(), form.serial());
    LocalDate purchase = WarrantyInput.date("purchaseDate", form.purchaseDate());
    // A day's grace: the customer's calendar may already show tomorrow.
    if (purchase.isAfter(LocalDate.now(clock).plusDays(1))) {
      throw Problem.badRequest(
          "invalid-date", "purchaseDate", "the purchase date is in the future");
    }
    if (purchase.isBefore(LocalDate.of(1990, 1, 1))) {
      throw Problem.badRequest("invalid-date", "purchaseDate", "the purchase date is too early");
    }
    Contact contact = form.contact() == null ? new Contact(null, null) : form.contact();
    String name = WarrantyInput.text("contact.name", contact.name(), 200);
    String email = WarrantyInput.email("contact.email", contact.email());

    Tenants.Tenant client =
        tenants
            .byCode(clientCode == null ? "" : clientCode.strip())
            .orElseThrow(() -> Problem.notFound("unknown-client", "no such registration page"));
    long wait = limit.take(client.id() + "|" + caller);
    if (wait > 0) {
      throw new RateLimitExceeded(wait);
    }
    Inventory.UnitPosition unit =
        inventory
            .unit(client.id(), ref)
            .orElseThrow(
                () ->
                    new Problem(
                        404,
                        "unknown-product",
                        "serial",
                        "no product with GTIN "
                            + ref.gtin().value()
                            + " and serial "
                            + ref.serial().value()
                            + " is known here: check both on the product's label"));
    return tx.execute(st -> record(client.id(), unit, purchase, name, email, source));
  }

  private Registered record(
      long tenantId,
      Inventory.UnitPosition unit,
      LocalDate purchase,
      String name,
      String email,
      Source source) {

    Optional<Long> first = byParty(tenantId, unit.id(), email);
    if (first.isPresent()) {
      return registered(tenantId, first.get(), false);
    }
    List<String> reasons = new ArrayList<>();
    if (IN_STOCK.contains(unit.state())) {
      reasons.add("in-stock");
    }
    sales
        .ofUnit(tenantId, unit.id())
        .filter(s -> s.shipDate() != null && purchase.isBefore(s.shipDate()))
        .ifPresent(s -> reasons.add("purchased-before-shipped"));
    boolean others =
        db.sql(
                    "SELECT count(*) FROM warranty_registration WHERE tenant_id = ? AND unit_id = ? AND contact_email <> ?")
                .params(tenantId, unit.id(), email)
                .query(Long.class)
                .single()
            > 0;
    if (others) {
      reasons.add(WarrantyLookup.ANOTHER_PARTY);
    }
    int inserted =
        db.sql(
                """
                INSERT INTO warranty_registration (tenant_id, unit_id, gtin, serial, purchase_date, contact_name,
                                                   contact_email, source, flagged, flag_reasons, registered_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, unit_id, contact_email) DO NOTHING""")
            .params(
                tenantId,
                unit.id(),
                unit.gtin().value(),
                unit.serial(),
                purchase.toString(),
                name,
                email,
                source.name(),
                reasons.isEmpty() ? 0 : 1,
                reasons.isEmpty() ? null : String.join(",", reasons),
                clock.millis())
            .update();
    if (others) {
      // The first party's rows are flagged too: neither is more believable than the other.
      db.sql(
              """
              UPDATE warranty_registration SET flagged = 1,
                flag_reasons = CASE WHEN flag_reasons IS NULL THEN ?
                                    WHEN flag_reasons LIKE ? THEN flag_reasons
                                    ELSE flag_reasons || ',' || ? END
              WHERE tenant_id = ? AND unit_id = ?""")
          .params(
              WarrantyLookup.ANOTHER_PARTY,
              "%" + WarrantyLookup.ANOTHER_PARTY + "%",
              WarrantyLookup.ANOTHER_PARTY,
              tenantId,
              unit.id())
          .update();
    }
    long id = byParty(tenantId, unit.id(), email).orElseThrow();
    if (inserted == 1) {
      events.publishEvent(new WarrantyRegistered(tenantId, unit.id(), id, reasons));
    }
    return registered(tenantId, id, inserted == 1);
  }

  private Optional<Long> byParty(long tenantId, long unitId, String email) {
    return db.sql(
            "SELECT id FROM warranty_registration WHERE tenant_id = ? AND unit_id = ? AND contact_email = ?")
        .params(tenantId, unitId, email)
        .query(Long.class)
        .optional();
  }

  private Registered registered(long tenantId, long id, boolean created) {
    String date =
        db.sql("SELECT purchase_date FROM warranty_registration WHERE tenant_id = ? AND id = ?")
            .params(tenantId, id)
            .query(String.class)
            .single();
    return new Registered(reference(id), LocalDate.parse(date), created);
  }
}
