package io.unitrace.returns;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.ProductId;
import io.unitrace.ledger.EventType;
import io.unitrace.ledger.Inventory;
import io.unitrace.ledger.RequestMeta;
import io.unitrace.ledger.ReturnedGoods;
import io.unitrace.ledger.UnitRef;
import io.unitrace.outbound.UnitsShipped;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.Actor;
import io.unitrace.tenancy.CurrentActor;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import io.unitrace.tenancy.Tenants;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Software licences and entitlements. A product carries licences once keys were imported for it
 * (its pool). When a unit of it ships, it is issued the pool's oldest available key, in the
 * shipment's transaction; with the pool empty it is owed one, and the next import issues keys to
 * the units owed them, oldest first. A key may be activated (warranty registration), moves to the
 * replacement on a warranty swap, and is revoked when the unit comes back for a refund.
 *
 * <p>Every issue, transfer and revocation is noted on the unit's ledger chain ({@link
 * ReturnedGoods#note}) in the same transaction, by reference: the licence's id, the SKU and the
 * last four characters, never the key. A ledger command joins a transaction already open (the
 * shipment's ledger event, a return's, a claim's): the note is a second event inside it, on the
 * chains the first event already advanced, so both commit or neither does.
 *
 * <p>Keys are sealed at rest ({@link LicenceCipher}). Answers show the last four characters and the
 * status; the clear key is shown only by {@link #reveal}, and every reveal is recorded (who, when,
 * from where) before the key is answered. Every query names the tenant, so a client's user sees
 * only that client's keys.
 */
@Service
public class Licences {

  /** What a unit has: a key (ISSUED, ACTIVE, REVOKED), a key moved on, or a key owed. */
  public enum Status {
    OWED,
    ISSUED,
    ACTIVE,
    REVOKED,
    TRANSFERRED
  }

  /** A unit's licence as anyone who may see the unit sees it: masked. */
  public record UnitLicence(
      String gtin,
      String serial,
      String sku,
      Status status,
      Long licence,
      String last4,
      Instant issuedAt,
      Instant activatedAt,
      Instant revokedAt,
      String revokedReason,
      String transferredFrom,
      String transferredTo,
      Instant owedSince) {}

  record Revealed(
      long licence, String gtin, String serial, String sku, Status status, String key, long view) {}

  record Pool(
      String sku, long available, long issued, long active, long revoked, long owed, long total) {}

  /** One line of an import: where it was ({@code line 3}, {@code keys[2]}) and its text. */
  record Line(String at, String text) {}

  /** A line not imported, and why. Never the key's text: an answer may be logged. */
  record LineNote(String at, String reason) {}

  record Imported(
      String sku,
      int received,
      int imported,
      List<LineNote> duplicates,
      List<String> blank,
      int issuedToOwed,
      Pool pool) {}

  /** Where a reveal came from, and why (optional). */
  record Viewer(String remoteAddr, String userAgent, String reason) {}

  record ViewEntry(
      long id,
      long licence,
      String sku,
      String gtin,
      String serial,
      String who,
      String role,
      Instant at,
      String remoteAddr,
      String userAgent,
      String reason) {}

  /** Keys per import: enough for a vendor's batch, small enough for one transaction. */
  static final int MAX_KEYS = 20_000;

  static final int MIN_LENGTH = 8;
  static final int MAX_LENGTH = 200;

  private final LicenceRows rows;
  private final LicenceCipher cipher;
  private final Catalog catalog;
  private final Inventory inventory;
  private final ReturnedGoods returnedGoods;
  private final Tenants tenants;
  private final CurrentActor currentActor;
  private final Clock clock;

  Licences(
      LicenceRows rows,
      LicenceCipher cipher,
      Catalog catalog,
      Inventory inventory,
      ReturnedGoods returnedGoods,
      Tenants tenants,
      CurrentActor currentActor,
      Clock clock) {
    this.rows = rows;
    this.cipher = cipher;
    this.catalog = catalog;
    this.inventory = inventory;
    this.returnedGoods = returnedGoods;
    this.tenants = tenants;
    this.currentActor = currentActor;
    this.clock = clock;
  }

  // Import

  /**
   * Adds keys to the SKU's pool (creating it). A blank line is skipped and reported; a key already
   * in the pool, or twice in the import, is skipped and reported by line, so importing the same
   * file again adds nothing. A malformed key refuses the whole import, naming every such line.
   * Units owed a key get one at once, oldest first.
   */
  @Transactional
  Imported importKeys(TenantScope scope, String sku, List<Line> lines) {
    scope.requireRole(Role.SUPERVISOR);
    Product product = serializedProduct(scope, sku);
    if (lines.size() > MAX_KEYS) {
      throw Problem.unprocessable(
          "too-many-keys", "keys", "at most " + MAX_KEYS + " keys per import; split the file");
    }
    List<LineNote> malformed = new ArrayList<>();
    List<String> blank = new ArrayList<>();
    List<LineNote> duplicates = new ArrayList<>();
    Map<String, String> firstAt = new HashMap<>();
    Map<String, String> atOf = new LinkedHashMap<>();
    List<LicenceRows.Sealed> sealed = new ArrayList<>();
    String context = context(scope.tenantId(), product.id());
    for (Line line : lines) {
      String key = line.text() == null ? "" : line.text().strip();
      if (key.isEmpty()) {
        blank.add(line.at());
        continue;
      }
      String wrong = malformed(key);
      if (wrong != null) {
        malformed.add(new LineNote(line.at(), wrong));
        continue;
      }
      String fingerprint = cipher.fingerprint(key);
      String first = firstAt.putIfAbsent(fingerprint, line.at());
      if (first != null) {
        duplicates.add(new LineNote(line.at(), "the same key as " + first));
        continue;
      }
      atOf.put(fingerprint, line.at());
      sealed.add(
          new LicenceRows.Sealed(
              cipher.seal(key, context + ":" + fingerprint),
              fingerprint,
              key.substring(key.length() - 4)));
    }
    if (!malformed.isEmpty()) {
      throw Problem.unprocessable(
              "invalid-licence-keys",
              malformed.get(0).at(),
              malformed.size() + " line(s) hold no valid licence key; nothing was imported")
          .with("lines", malformed);
    }
    if (sealed.isEmpty() && duplicates.isEmpty()) {
      throw Problem.badRequest("no-licence-keys", "keys", "the import holds no licence key");
    }
    long now = clock.millis();
    rows.ensurePool(scope.tenantId(), product.id(), scope.actor().who(), now);
    Set<String> inserted =
        sealed.isEmpty()
            ? Set.of()
            : rows.insertKeys(
                scope.tenantId(), product.id(), cipher.ref(), sealed, scope.actor().who(), now);
    atOf.forEach(
        (fingerprint, at) -> {
          if (!inserted.contains(fingerprint)) {
            duplicates.add(new LineNote(at, "already in the pool"));
          }
        });
    int issued = issueToOwed(scope, product, inserted.size(), now);
    return new Imported(
        product.sku(),
        lines.size() - blank.size(),
        inserted.size(),
        duplicates,
        blank,
        issued,
        pool(scope.tenantId(), product));
  }

  /** Why a key is refused, or null: a licence key is one line of printable characters. */
  static String malformed(String key) {
    if (key.length() < MIN_LENGTH || key.length() > MAX_LENGTH) {
      return "a licence key has " + MIN_LENGTH + " to " + MAX_LENGTH + " characters";
    }
    for (int i = 0; i < key.length(); i++) {
      if (Character.isISOControl(key.charAt(i))) {
        return "a licence key has no control characters";
      }
    }
    return null;
  }

  private int issueToOwed(TenantScope scope, Product product, int fresh, long now) {
    if (fresh == 0) {
      return 0;
    }
    Map<Long, Map<String, String>> notes = new TreeMap<>();
    List<Long> keyIds = new ArrayList<>();
    for (LicenceRows.Owed owed : rows.owedOf(scope.tenantId(), product.id(), fresh)) {
      Optional<LicenceRows.Key> key =
          rows.take(scope.tenantId(), product.id(), owed.unitId(), "ISSUED", now);
      if (key.isEmpty()) {
        break;
      }
      rows.settleOwed(scope.tenantId(), owed.id(), "ISSUED", key.get().id(), null, now);
      keyIds.add(key.get().id());
      Map<String, String> note = reference(key.get(), product);
      note.put("owedSince", Instant.ofEpochMilli(owed.createdAt()).toString());
      notes.put(owed.unitId(), note);
    }
    if (!notes.isEmpty()) {
      note(
          scope,
          notes,
          EventType.LICENCE_ISSUED,
          Map.of("cause", "keys imported for units owed one"),
          "licence-issued:owed:" + keyIds.get(0),
          eventId -> rows.issuedBy(scope.tenantId(), keyIds, eventId));
    }
    return notes.size();
  }

  // Reactions

  /**
   * Issues a key to each shipped unit whose product has a pool and that holds none yet (a unit sold
   * again after a refund gets a new one), inside the shipment's transaction; with the pool empty
   * the unit is owed one. The shipment never fails for want of a key.
   */
  void issueOnShipment(UnitsShipped e) {
    if (e.unitIds() == null || e.unitIds().isEmpty()) {
      return;
    }
    long tenant = e.tenantId();
    Map<Long, Inventory.UnitPosition> units = inventory.units(tenant, e.unitIds());
    Set<Long> pools =
        rows.pools(
            tenant, units.values().stream().map(u -> u.productId().value()).distinct().toList());
    if (pools.isEmpty()) {
      return;
    }
    List<Long> candidates =
        units.values().stream()
            .filter(u -> pools.contains(u.productId().value()))
            .map(Inventory.UnitPosition::id)
            .sorted()
            .toList();
    Set<Long> licensed = rows.licensed(tenant, candidates);
    Map<ProductId, Product> products =
        catalog.products(
            tenant, units.values().stream().map(Inventory.UnitPosition::productId).toList());
    long now = clock.millis();
    Map<Long, Map<String, String>> notes = new TreeMap<>();
    List<Long> keyIds = new ArrayList<>();
    for (Long unitId : candidates) {
      if (licensed.contains(unitId)) {
        continue;
      }
      Product product = products.get(units.get(unitId).productId());
      Optional<LicenceRows.Key> key = rows.take(tenant, product.id(), unitId, "ISSUED", now);
      if (key.isPresent()) {
        keyIds.add(key.get().id());
        notes.put(unitId, reference(key.get(), product));
      } else {
        rows.insertOwed(tenant, product.id(), unitId, e.eventId(), now);
      }
    }
    if (!notes.isEmpty()) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("cause", "shipment");
      details.put("shippingEvent", e.eventId());
      note(
          scope(tenant),
          notes,
          EventType.LICENCE_ISSUED,
          details,
          "licence-issued:shipped:" + e.eventId(),
          eventId -> rows.issuedBy(tenant, keyIds, eventId));
    }
  }

  /**
   * A unit back for a refund gives up its key (REVOKED, never back in the pool: the customer had
   * it), or stops being owed one. A return without a refund changes nothing.
   */
  void revokeOnRefund(UnitReturned e) {
    if (!e.refund()) {
      return;
    }
    long tenant = e.tenantId();
    long now = clock.millis();
    Optional<LicenceRows.Key> key = rows.liveKey(tenant, e.unitId());
    if (key.isPresent() && rows.revoke(tenant, key.get().id(), "REFUND", now)) {
      Map<String, String> note = reference(key.get(), product(tenant, key.get().productId()));
      note.put("reason", "refund");
      note.put("return", Long.toString(e.returnId()));
      note(
          scope(tenant),
          Map.of(e.unitId(), note),
          EventType.LICENCE_REVOKED,
          Map.of("cause", "refund", "return", e.returnId()),
          "licence-revoked:" + key.get().id() + ":return:" + e.returnId(),
          eventId -> rows.revokedBy(tenant, List.of(key.get().id()), eventId));
    }
    rows.owed(tenant, e.unitId())
        .ifPresent(o -> rows.settleOwed(tenant, o.id(), "CANCELLED", null, null, now));
  }

  /**
   * The original's key moves to its replacement, the same key: noted as revoked on the original
   * ({@code transferredTo}) and issued on the replacement ({@code transferredFrom}). A key the
   * replacement already held (it shipped first) is revoked as superseded: the customer keeps the
   * key they have. A key owed to the original is owed to the replacement instead.
   */
  void transferOnReplacement(UnitReplaced e) {
    long tenant = e.tenantId();
    long from = e.originalUnitId();
    long to = e.replacementUnitId();
    if (from == to) {
      return;
    }
    long now = clock.millis();
    Map<Long, Inventory.UnitPosition> units = inventory.units(tenant, List.of(from, to));
    Inventory.UnitPosition original = units.get(from);
    Inventory.UnitPosition replacement = units.get(to);
    if (original == null || replacement == null) {
      throw Problem.notFound("unknown-unit", "the original or the replacement is not a unit here");
    }
    Optional<LicenceRows.Key> key = rows.liveKey(tenant, from);
    if (key.isEmpty()) {
      rows.owed(tenant, from)
          .ifPresent(
              o -> {
                rows.settleOwed(tenant, o.id(), "TRANSFERRED", null, to, now);
                if (rows.licensed(tenant, List.of(to)).isEmpty()) {
                  rows.insertOwed(tenant, o.productId(), to, null, now);
                }
              });
      return;
    }
    LicenceRows.Key moving = key.get();
    Product product = product(tenant, moving.productId());
    TenantScope scope = scope(tenant);
    Map<Long, Map<String, String>> revoked = new TreeMap<>();
    List<Long> superseded = new ArrayList<>();
    Optional<LicenceRows.Key> held = rows.liveKey(tenant, to);
    if (held.isPresent() && rows.revoke(tenant, held.get().id(), "SUPERSEDED", now)) {
      Map<String, String> note = reference(held.get(), product(tenant, held.get().productId()));
      note.put("reason", "superseded by licence " + moving.id());
      revoked.put(to, note);
      superseded.add(held.get().id());
    }
    rows.owed(tenant, to)
        .ifPresent(o -> rows.settleOwed(tenant, o.id(), "CANCELLED", null, null, now));
    if (!rows.move(tenant, moving.id(), from, to)) {
      throw Problem.conflict(
          "concurrent-change", null, "the licence changed under this replacement; try again");
    }
    Map<String, String> gone = reference(moving, product);
    gone.put("reason", "transferred");
    gone.put("transferredTo", ref(replacement));
    gone.put("claim", Long.toString(e.claimId()));
    revoked.put(from, gone);
    String key0 = "licence-transferred:" + moving.id() + ":claim:" + e.claimId();
    Map<String, Object> details = Map.of("cause", "warranty replacement", "claim", e.claimId());
    note(
        scope,
        revoked,
        EventType.LICENCE_REVOKED,
        details,
        key0 + ":from",
        eventId -> rows.revokedBy(tenant, superseded, eventId));
    Map<String, String> came = reference(moving, product);
    came.put("transferredFrom", ref(original));
    came.put("claim", Long.toString(e.claimId()));
    note(
        scope,
        Map.of(to, came),
        EventType.LICENCE_ISSUED,
        details,
        key0 + ":to",
        eventId -> rows.issuedBy(tenant, List.of(moving.id()), eventId));
  }

  /**
   * Activation on warranty registration: the unit's key goes ISSUED → ACTIVE. A unit of a product
   * with a pool that holds no key (sold before the pool existed, or owed one) is issued one now,
   * active; with the pool empty it stays (or becomes) owed. Empty when the unit's product carries
   * no licence. Runs in the caller's transaction when there is one. Either way the unit's history
   * says so: LICENCE_ACTIVATED for a key it held, LICENCE_ISSUED (activated) for a new one.
   */
  @Transactional
  public Optional<Status> activate(long tenantId, long unitId) {
    return activate(tenantId, unitId, Map.of("cause", "warranty registration"));
  }

  /**
   * A new registration nobody doubts, heard inside its transaction: its unit's key is activated.
   */
  void activateOnRegistration(WarrantyRegistered e) {
    activate(
        e.tenantId(),
        e.unitId(),
        Map.of(
            "cause",
            "warranty registration",
            "registration",
            WarrantyRegistrations.reference(e.registrationId())));
  }

  private Optional<Status> activate(long tenantId, long unitId, Map<String, Object> details) {
    Inventory.UnitPosition unit =
        inventory
            .unit(tenantId, unitId)
            .orElseThrow(() -> Problem.notFound("unknown-unit", "no unit " + unitId));
    long now = clock.millis();
    Optional<LicenceRows.Key> live = rows.liveKey(tenantId, unitId);
    if (live.isPresent()) {
      LicenceRows.Key held = live.get();
      if (held.status().equals("ISSUED") && rows.activate(tenantId, held.id(), now)) {
        note(
            scope(tenantId),
            Map.of(unitId, reference(held, product(tenantId, held.productId()))),
            EventType.LICENCE_ACTIVATED,
            details,
            "licence-activated:" + held.id(),
            eventId -> {});
      }
      return Optional.of(Status.ACTIVE);
    }
    Optional<LicenceRows.Owed> owed = rows.owed(tenantId, unitId);
    long productId = owed.map(LicenceRows.Owed::productId).orElse(unit.productId().value());
    if (owed.isEmpty() && !rows.hasPool(tenantId, productId)) {
      return Optional.empty();
    }
    Optional<LicenceRows.Key> key = rows.take(tenantId, productId, unitId, "ACTIVE", now);
    if (key.isEmpty()) {
      if (owed.isEmpty()) {
        rows.insertOwed(tenantId, productId, unitId, null, now);
      }
      return Optional.of(Status.OWED);
    }
    owed.ifPresent(o -> rows.settleOwed(tenantId, o.id(), "ISSUED", key.get().id(), null, now));
    Map<String, String> note = reference(key.get(), product(tenantId, productId));
    note.put("activated", "true");
    note(
        scope(tenantId),
        Map.of(unitId, note),
        EventType.LICENCE_ISSUED,
        details,
        "licence-issued:activated:" + key.get().id(),
        eventId -> rows.issuedBy(tenantId, List.of(key.get().id()), eventId));
    return Optional.of(Status.ACTIVE);
  }

  // Reads

  Pool pool(TenantScope scope, String sku) {
    Product product =
        catalog
            .bySku(scope.tenantId(), sku)
            .filter(p -> rows.hasPool(scope.tenantId(), p.id()))
            .orElseThrow(
                () -> Problem.notFound("unknown-licence-pool", "no licence keys for SKU " + sku));
    return pool(scope.tenantId(), product);
  }

  private Pool pool(long tenantId, Product product) {
    LicenceRows.Counts c = rows.counts(tenantId, product.id());
    return new Pool(
        product.sku(),
        c.available(),
        c.issued(),
        c.active(),
        c.revoked(),
        c.owed(),
        c.available() + c.issued() + c.active() + c.revoked());
  }

  /** The unit's licence, masked; 404 when the unit is not the client's or carries none. */
  UnitLicence licence(TenantScope scope, UnitRef ref) {
    Inventory.UnitPosition unit = unit(scope, ref);
    long tenant = scope.tenantId();
    Optional<LicenceRows.Key> live = rows.liveKey(tenant, unit.id());
    if (live.isPresent()) {
      return view(tenant, unit, live.get());
    }
    Optional<LicenceRows.Owed> owed = rows.owed(tenant, unit.id());
    if (owed.isPresent()) {
      Product product = product(tenant, owed.get().productId());
      return new UnitLicence(
          unit.gtin().value(),
          unit.serial(),
          product.sku(),
          Status.OWED,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          Instant.ofEpochMilli(owed.get().createdAt()));
    }
    return rows.latestKey(tenant, unit.id())
        .map(k -> view(tenant, unit, k))
        .orElseThrow(() -> noLicence(ref));
  }

  /**
   * The unit's key in clear, recorded first as a view (who, role, when, from where, why). The key a
   * unit holds (ISSUED or ACTIVE); a revoked one only for a SUPERVISOR or ADMIN.
   */
  @Transactional
  Revealed reveal(TenantScope scope, UnitRef ref, Viewer viewer) {
    Inventory.UnitPosition unit = unit(scope, ref);
    long tenant = scope.tenantId();
    LicenceRows.Key key =
        rows.liveKey(tenant, unit.id())
            .or(
                () ->
                    rows.latestKey(tenant, unit.id())
                        .filter(k -> k.unitId() != null && k.unitId() == unit.id()))
            .orElseThrow(() -> noLicence(ref));
    if (key.status().equals("REVOKED") && !scope.actor().role().atLeast(Role.SUPERVISOR)) {
      throw Problem.conflict(
              "licence-revoked", null, "the licence of " + ref + " is revoked; ask a supervisor")
          .with("rule", "revoked-keys-for-supervisors");
    }
    if (!key.keyRef().equals(cipher.ref())) {
      throw new Problem(
          500,
          "licence-master-key-mismatch",
          null,
          "the licence was sealed under master key "
              + key.keyRef()
              + " but this server has "
              + cipher.ref()
              + ": start it with the installation's UNITRACE_LICENCE_KEY");
    }
    String clear;
    try {
      clear =
          cipher.open(key.ciphertext(), context(tenant, key.productId()) + ":" + key.fingerprint());
    } catch (LicenceCipher.Tampered e) {
      // nothing is shown and no view recorded: the row was changed outside the application
      throw new Problem(
          500, "licence-key-tampered", null, "licence " + key.id() + ": " + e.getMessage());
    }
    long view =
        rows.insertView(
            tenant,
            key.id(),
            unit.id(),
            scope.actor().who(),
            scope.actor().role().name(),
            clock.millis(),
            clip(viewer.remoteAddr(), 64),
            clip(viewer.userAgent(), 300),
            clip(viewer.reason(), 500));
    Product product = product(tenant, key.productId());
    return new Revealed(
        key.id(),
        unit.gtin().value(),
        unit.serial(),
        product.sku(),
        Status.valueOf(key.status()),
        clear,
        view);
  }

  /** Every view of the client's keys, oldest first; a SUPERVISOR's or ADMIN's to read. */
  CursorPage<ViewEntry> views(TenantScope scope, String sku, String cursor, int limit) {
    scope.requireRole(Role.SUPERVISOR);
    long tenant = scope.tenantId();
    Long productId = null;
    if (sku != null && !sku.isBlank()) {
      productId =
          catalog
              .bySku(tenant, sku.strip())
              .map(Product::id)
              .orElseThrow(() -> Problem.notFound("unknown-product", "no product " + sku));
    }
    List<LicenceRows.View> found = rows.views(tenant, productId, cursor, limit);
    Set<Long> unitIds = new HashSet<>();
    Set<ProductId> productIds = new HashSet<>();
    found.forEach(
        v -> {
          unitIds.add(v.unitId());
          productIds.add(new ProductId(v.productId()));
        });
    Map<Long, Inventory.UnitPosition> units = inventory.units(tenant, unitIds);
    Map<ProductId, Product> products = catalog.products(tenant, productIds);
    List<ViewEntry> entries = new ArrayList<>(found.size());
    for (LicenceRows.View v : found) {
      Inventory.UnitPosition u = units.get(v.unitId());
      Product p = products.get(new ProductId(v.productId()));
      entries.add(
          new ViewEntry(
              v.id(),
              v.licenceId(),
              p == null ? null : p.sku(),
              u == null ? null : u.gtin().value(),
              u == null ? null : u.serial(),
              v.viewer(),
              v.role(),
              Instant.ofEpochMilli(v.viewedAt()),
              v.remoteAddr(),
              v.userAgent(),
              v.reason()));
    }
    return CursorPage.of(entries, limit, ViewEntry::id);
  }

  // Helpers

  private UnitLicence view(long tenant, Inventory.UnitPosition unit, LicenceRows.Key k) {
    Product product = product(tenant, k.productId());
    boolean movedOn = k.unitId() == null || k.unitId() != unit.id();
    Status status = movedOn ? Status.TRANSFERRED : Status.valueOf(k.status());
    String from = null;
    String to = null;
    if (movedOn) {
      to = inventory.unit(tenant, k.unitId()).map(Licences::ref).orElse(null);
    } else if (k.transferredFrom() != null) {
      from = inventory.unit(tenant, k.transferredFrom()).map(Licences::ref).orElse(null);
    }
    return new UnitLicence(
        unit.gtin().value(),
        unit.serial(),
        product.sku(),
        status,
        k.id(),
        k.last4(),
        instant(k.issuedAt()),
        instant(k.activatedAt()),
        movedOn ? null : instant(k.revokedAt()),
        movedOn ? null : k.revokedReason(),
        from,
        to,
        null);
  }

  private Inventory.UnitPosition unit(TenantScope scope, UnitRef ref) {
    return inventory
        .unit(scope.tenantId(), ref)
        .orElseThrow(() -> Problem.notFound("unknown-unit", "no unit " + ref));
  }

  private Product serializedProduct(TenantScope scope, String sku) {
    Product product =
        catalog
            .bySku(scope.tenantId(), sku)
            .orElseThrow(() -> Problem.notFound("unknown-product", "no product " + sku));
    if (!product.tracking().serialized()) {
      throw Problem.unprocessable(
              "not-serialized",
              "sku",
              "licences go with units: " + sku + " is tracked " + product.tracking())
          .with("rule", "licences-for-serialized-products");
    }
    return product;
  }

  private Product product(long tenantId, long productId) {
    return catalog
        .byId(tenantId, productId)
        .orElseThrow(() -> new IllegalStateException("no product " + productId));
  }

  private void note(
      TenantScope scope,
      Map<Long, Map<String, String>> notes,
      EventType type,
      Map<String, Object> details,
      String key,
      LongConsumer inTransaction) {
    // The history shows an event's details, not the note on each chain: the references go in both.
    Map<Long, Inventory.UnitPosition> units = inventory.units(scope.tenantId(), notes.keySet());
    Map<String, Map<String, String>> byUnit = new TreeMap<>();
    notes.forEach(
        (id, n) -> byUnit.put(units.containsKey(id) ? ref(units.get(id)) : Long.toString(id), n));
    Map<String, Object> all = new LinkedHashMap<>(details);
    all.put("licences", byUnit);
    returnedGoods.note(scope, notes, type, all, RequestMeta.of(key), inTransaction);
  }

  /** What the ledger may know of a key: the licence's id, the SKU and the last four characters. */
  private static Map<String, String> reference(LicenceRows.Key key, Product product) {
    Map<String, String> note = new TreeMap<>();
    note.put("licence", Long.toString(key.id()));
    note.put("sku", product.sku());
    note.put("last4", key.last4());
    return note;
  }

  /**
   * Who a reaction acts as: the person whose request it is part of (the shipper, the clerk), or the
   * licences module itself when there is no request (a worker thread).
   */
  private TenantScope scope(long tenantId) {
    Actor actor;
    try {
      actor = currentActor.get();
    } catch (Problem noRequest) {
      actor = null;
    }
    if (actor == null || !actor.mayWrite(tenantId)) {
      actor = Actor.person(0, "licences", Role.ADMIN, Set.of());
    }
    String code = tenants.byId(tenantId).map(Tenants.Tenant::code).orElse(Long.toString(tenantId));
    return new TenantScope(tenantId, code, actor);
  }

  /** The additional data a key is sealed with: it opens only on its own client's product row. */
  private static String context(long tenantId, long productId) {
    return "licence:" + tenantId + ":" + productId;
  }

  private static String ref(Inventory.UnitPosition u) {
    return "(01)" + u.gtin().value() + "(21)" + u.serial();
  }

  private static Problem noLicence(UnitRef ref) {
    return Problem.notFound("no-licence", "unit " + ref + " carries no licence");
  }

  private static Instant instant(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }

  private static String clip(String s, int max) {
    return s == null ? null : s.length() <= max ? s : s.substring(0, max);
  }
}
