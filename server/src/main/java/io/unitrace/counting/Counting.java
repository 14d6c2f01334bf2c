package io.unitrace.counting;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Product;
import io.unitrace.catalog.Serial;
import io.unitrace.counting.domain.CountScope;
import io.unitrace.counting.domain.Discrepancy;
import io.unitrace.counting.domain.Reconciliation;
import io.unitrace.counting.domain.RecountThreshold;
import io.unitrace.facility.Facility;
import io.unitrace.facility.Location;
import io.unitrace.gs1.Gtin;
import io.unitrace.ledger.Container;
import io.unitrace.ledger.Containers;
import io.unitrace.ledger.Inventory;
import io.unitrace.ledger.UnitRef;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The counter's work, blind: scans in an open location (a unit, a sealed container as its recorded
 * content, counted goods with a quantity), each unit counted once per location however often it is
 * scanned and by however many counters, and the location closed, which reconciles it against the
 * books at that moment (ADR 0019). Answers never say what the books hold.
 */
@Service
public class Counting {

  /**
   * What a scan counted: {@code counted} units or the quantity counted now; {@code alreadyCounted}
   * the units this location had counted before (a serial scanned twice counts once).
   */
  public record ScanAnswer(
      String location,
      String kind,
      long counted,
      List<String> alreadyCounted,
      boolean repeated,
      String message) {}

  public record DoneAnswer(String location, String status, String next) {}

  private final Counts counts;
  private final CountSettings settings;
  private final CountRows rows;
  private final Shelf shelf;
  private final Facility facility;
  private final Catalog catalog;
  private final Containers containers;
  private final Inventory inventory;
  private final TransactionTemplate tx;
  private final Clock clock;

  Counting(
      Counts counts,
      CountSettings settings,
      CountRows rows,
      Shelf shelf,
      Facility facility,
      Catalog catalog,
      Containers containers,
      Inventory inventory,
      TransactionTemplate tx,
      Clock clock) {
    this.counts = counts;
    this.settings = settings;
    this.rows = rows;
    this.shelf = shelf;
    this.facility = facility;
    this.catalog = catalog;
    this.containers = containers;
    this.inventory = inventory;
    this.tx = tx;
    this.clock = clock;
  }

  public record ScanAsked(
      String scan,
      String gtin,
      String serial,
      String sscc,
      String lot,
      Long quantity,
      String scanId) {}

  /** Counts what was scanned in one open location of an open count. */
  public ScanAnswer scan(TenantScope scope, long id, String code, ScanAsked a) {
    scope.requireWrite();
    if (a == null) {
      throw Problem.badRequest("invalid-field", "scan", "send what was scanned");
    }
    if (a.scanId() != null && (a.scanId().isBlank() || a.scanId().length() > 100)) {
      throw Problem.badRequest("invalid-field", "scanId", "a scan id has 1 to 100 characters");
    }
    CountScan.Read read =
        CountScan.read(a.scan(), a.gtin(), a.serial(), a.sscc(), a.lot(), a.quantity());
    CountRows.Count c = counts.require(scope, id);
    CountRows.Task task = openTask(c, code);
    long tenant = scope.tenantId();
    String who = scope.actor().who();
    requireAnotherCounter(task, who);
    long now = clock.millis();
    if (read instanceof CountScan.Unit u) {
      CountScope product =
          counts.scopeOf(
              tenant,
              c.id(),
              catalog.byGtin(tenant, u.ref().gtin()).map(p -> List.of(p.id())).orElse(List.of()));
      if (!product.countsUnit(u.ref().gtin().value())) {
        return notInCount(task, u.ref().toString());
      }
      List<CountRows.CountedSerial> added =
          counted(
              task,
              () ->
                  rows.insertSerials(tenant, c.id(), task.id(), List.of(u.ref()), null, who, now));
      boolean counted = !added.isEmpty();
      return new ScanAnswer(
          task.locationCode(),
          "UNIT",
          added.size(),
          counted ? List.of() : List.of(u.ref().toString()),
          !counted,
          counted ? "counted" : "already counted: " + u.ref() + " counts once");
    }
    if (read instanceof CountScan.Container box) {
      return container(scope, c, task, box, now);
    }
    return goods(scope, c, task, (CountScan.Goods) read, a, now);
  }

  /** A sealed container counts as its recorded content: every unit in it, at any depth. */
  private ScanAnswer container(
      TenantScope scope,
      CountRows.Count c,
      CountRows.Task task,
      CountScan.Container box,
      long now) {
    long tenant = scope.tenantId();
    Container container =
        containers
            .find(tenant, box.sscc())
            .orElseThrow(
                () ->
                    Problem.unprocessable(
                        "unknown-container",
                        "scan",
                        "no container "
                            + box.sscc().value()
                            + " is recorded: open it and scan its units one by one"));
    List<Long> tree = containers.tree(tenant, container.id());
    List<UnitRef> inside = new ArrayList<>();
    Set<Long> products = new HashSet<>();
    inventory
        .units(tenant, inventory.unitsIn(tenant, tree))
        .values()
        .forEach(
            p -> {
              inside.add(new UnitRef(p.gtin(), new Serial(p.serial())));
              products.add(p.productId().value());
            });
    CountScope counted = counts.scopeOf(tenant, c.id(), products);
    boolean any = !inside.isEmpty();
    inside.removeIf(r -> !counted.countsUnit(r.gtin().value()));
    if (any && inside.isEmpty()) {
      return notInCount(task, "container " + box.sscc().value());
    }
    inside.sort(Comparator.comparing(UnitRef::toString));
    List<CountRows.CountedSerial> added =
        counted(
            task,
            () ->
                rows.insertSerials(
                    tenant,
                    c.id(),
                    task.id(),
                    inside,
                    box.sscc().value(),
                    scope.actor().who(),
                    now));
    Set<String> addedNow = new HashSet<>();
    added.forEach(s -> addedNow.add(Shelf.key(s.gtin(), s.serial())));
    List<String> before = new ArrayList<>();
    for (UnitRef r : inside) {
      if (!addedNow.contains(Shelf.key(r.gtin().value(), r.serial().value()))) {
        before.add(r.toString());
      }
    }
    return new ScanAnswer(
        task.locationCode(),
        "CONTAINER",
        added.size(),
        before,
        added.isEmpty() && !inside.isEmpty(),
        "container "
            + box.sscc().value()
            + " counted as its recorded content: "
            + inside.size()
            + " units"
            + (before.isEmpty() ? "" : ", " + before.size() + " of them already counted"));
  }

  /** Counted goods: a lot (or untracked goods) and a quantity, added to what was counted there. */
  private ScanAnswer goods(
      TenantScope scope,
      CountRows.Count c,
      CountRows.Task task,
      CountScan.Goods g,
      ScanAsked a,
      long now) {
    long tenant = scope.tenantId();
    Product p =
        catalog
            .byGtin(tenant, g.gtin())
            .orElseThrow(
                () ->
                    Problem.unprocessable(
                        "unknown-product",
                        a.scan() == null ? "gtin" : "scan",
                        "client "
                            + scope.tenantCode()
                            + " has no product with GTIN "
                            + g.gtin().value()));
    if (p.tracking().serialized()) {
      throw Problem.badRequest(
          "count-by-serial",
          "quantity",
          p.sku() + " is serialized: scan each unit's serial, not a quantity");
    }
    if (p.tracking().lotted() && g.lot() == null) {
      throw Problem.badRequest(
          "invalid-field", "lot", p.sku() + " is tracked by lot: scan or type the lot");
    }
    String lot = p.tracking().lotted() ? g.lot() : null;
    if (!counts.scopeOf(tenant, c.id(), List.of(p.id())).countsGoods(p.id(), lot)) {
      return notInCount(task, p.sku() + (lot == null ? "" : " lot " + lot));
    }
    CountRows.CountedGoods goods =
        new CountRows.CountedGoods(
            p.id(),
            g.gtin().value(),
            lot,
            g.expiry() == null ? null : g.expiry().toString(),
            g.quantity());
    boolean added =
        counted(
            task,
            () ->
                rows.insertGoods(
                    tenant, c.id(), task.id(), goods, a.scanId(), scope.actor().who(), now));
    return new ScanAnswer(
        task.locationCode(),
        "GOODS",
        added ? g.quantity() : 0,
        List.of(),
        !added,
        added ? "counted" : "scan " + a.scanId() + " was counted already: it counts once");
  }

  /**
   * A scan of something a count by SKU or lot does not count: nothing is recorded, and the counter
   * is told to leave it.
   */
  private static ScanAnswer notInCount(CountRows.Task task, String what) {
    return new ScanAnswer(
        task.locationCode(),
        "NOT_IN_COUNT",
        0,
        List.of(),
        false,
        "not in this count: " + what + " is not counted here, leave it");
  }

  /**
   * Runs a scan's writes with the location's claim: refused, writing nothing, once it is closed.
   */
  private <T> T counted(CountRows.Task task, Supplier<T> write) {
    return tx.execute(
        s -> {
          if (!rows.claimScan(task.id())) {
            throw closed(task.locationCode());
          }
          return write.get();
        });
  }

  private CountRows.Task openTask(CountRows.Count c, String code) {
    if (!c.status().equals("OPEN")) {
      throw Problem.conflict(
          "count-decided",
          null,
          "count " + c.number() + " is " + c.status() + ": nothing more is counted");
    }
    CountRows.Task t =
        rows.task(c.id(), code == null ? "" : code.strip())
            .orElseThrow(
                () ->
                    Problem.notFound(
                        "not-in-count", "count " + c.number() + " does not list location " + code));
    if (!t.status().equals("OPEN")) {
      throw closed(t.locationCode());
    }
    return t;
  }

  private static Problem closed(String code) {
    return Problem.conflict(
            "location-counted", "location", "location " + code + " was counted and closed")
        .with("location", code);
  }

  /**
   * Closes a location: from now on nothing more is counted there, and what the books hold there is
   * read at this moment and compared with what was counted (ADR 0019), in one transaction.
   */
  public DoneAnswer done(TenantScope scope, long id, String code) {
    scope.requireWrite();
    CountRows.Count c = counts.require(scope, id);
    CountRows.Task task = openTask(c, code);
    requireAnotherCounter(task, scope.actor().who());
    boolean firstCount = task.recountBy() == null;
    RecountThreshold threshold = settings.threshold(scope.tenantId());
    Location location =
        facility
            .byId(task.locationId())
            .orElseThrow(() -> new IllegalStateException("location " + task.locationId()));
    long now = clock.millis();
    boolean recount =
        tx.execute(
            s -> {
              if (!rows.markDone(task.id(), scope.actor().who(), now)) {
                throw closed(task.locationCode());
              }
              Shelf.Content all = shelf.at(scope, location);
              List<CountRows.CountedSerial> serials = rows.serials(task.id());
              List<CountRows.CountedGoods> countedGoods = rows.goods(task.id());
              CountScope counted = scopeOf(scope.tenantId(), c.id(), all, serials, countedGoods);
              Shelf.Content books = all.only(counted);
              serials = serials.stream().filter(u -> counted.countsUnit(u.gtin())).toList();
              Map<String, Reconciliation.Recorded> recorded =
                  shelf.recorded(scope.tenantId(), serials);
              List<Reconciliation.SeenUnit> seen = new ArrayList<>(serials.size());
              Set<String> here = new HashSet<>();
              books.units().forEach(u -> here.add(Shelf.key(u.gtin(), u.serial())));
              for (CountRows.CountedSerial u : serials) {
                String key = Shelf.key(u.gtin(), u.serial());
                Reconciliation.Recorded r = recorded.get(key);
                boolean changed = r != null && !here.contains(key) && shelf.changedSince(scope, u);
                seen.add(new Reconciliation.SeenUnit(u.gtin(), u.serial(), r, changed));
              }
              List<Reconciliation.Goods> goods = new ArrayList<>();
              Map<String, String> expiry = new HashMap<>();
              for (CountRows.CountedGoods g : countedGoods) {
                goods.add(new Reconciliation.Goods(g.productId(), g.lot(), g.quantity()));
                if (g.expiry() != null) {
                  expiry.put(g.productId() + "/" + g.lot(), g.expiry());
                }
              }
              List<Discrepancy> found =
                  Reconciliation.of(
                      location.id(), counted, books.units(), seen, books.goods(), goods);
              rows.setExpected(task.id(), books.units().size(), books.quantity());
              rows.insertDiscrepancies(scope.tenantId(), c.id(), task.id(), found, expiry);
              if (firstCount && threshold.requiresRecount(found, books.quantity())) {
                rows.markRecount(task.id());
                return true;
              }
              return false;
            });
    String next =
        rows.tasks(c.id()).stream()
            .filter(t -> t.status().equals("OPEN"))
            .map(CountRows.Task::locationCode)
            .findFirst()
            .orElse(null);
    return new DoneAnswer(task.locationCode(), recount ? "RECOUNT" : "DONE", next);
  }

  /**
   * Starts the recount of a location its first count left with variances above the client's
   * threshold: by a user who neither closed nor scanned in the first count. The first count's scans
   * are kept for audit, out of the count; its discrepancies are dropped, and the recount is counted
   * and closed like a first count, its result replacing the first's.
   */
  public DoneAnswer recount(TenantScope scope, long id, String code) {
    scope.requireWrite();
    CountRows.Count c = counts.require(scope, id);
    if (!c.status().equals("OPEN")) {
      throw Problem.conflict(
          "count-decided",
          null,
          "count " + c.number() + " is " + c.status() + ": nothing more is counted");
    }
    CountRows.Task task =
        rows.task(c.id(), code == null ? "" : code.strip())
            .orElseThrow(
                () ->
                    Problem.notFound(
                        "not-in-count", "count " + c.number() + " does not list location " + code));
    if (!task.status().equals("RECOUNT")) {
      throw Problem.conflict(
              "no-recount",
              "location",
              "location " + task.locationCode() + " does not wait for a recount")
          .with("location", task.locationCode());
    }
    String who = scope.actor().who();
    tx.executeWithoutResult(
        s -> {
          List<String> first = new ArrayList<>(rows.counters(task.id(), false));
          first.add(task.doneBy());
          if (first.contains(who)) {
            throw sameCounter(task.locationCode(), who);
          }
          if (!rows.startRecount(task.id(), who)) {
            throw Problem.conflict(
                    "no-recount",
                    "location",
                    "location " + task.locationCode() + " does not wait for a recount")
                .with("location", task.locationCode());
          }
          rows.archiveFirstCount(task.id());
        });
    return new DoneAnswer(task.locationCode(), "OPEN", task.locationCode());
  }

  /**
   * What the count counts of what one location holds and what was counted there: the products of
   * its recorded and counted goods and units (a unit's product by its GTIN).
   */
  private CountScope scopeOf(
      long tenantId,
      long countId,
      Shelf.Content books,
      List<CountRows.CountedSerial> serials,
      List<CountRows.CountedGoods> goods) {
    Set<Long> products = new HashSet<>();
    books.goods().forEach(g -> products.add(g.productId()));
    goods.forEach(g -> products.add(g.productId()));
    Set<String> gtins = new HashSet<>();
    books.units().forEach(u -> gtins.add(u.gtin()));
    serials.forEach(u -> gtins.add(u.gtin()));
    for (String gtin : gtins) {
      catalog.byGtin(tenantId, new Gtin(gtin)).ifPresent(p -> products.add(p.id()));
    }
    return counts.scopeOf(tenantId, countId, products);
  }

  /** In a recount, nobody who closed or scanned in the location's first count counts again. */
  private void requireAnotherCounter(CountRows.Task task, String who) {
    if (task.recountBy() == null) {
      return;
    }
    if (who.equals(task.firstDoneBy()) || rows.counters(task.id(), true).contains(who)) {
      throw sameCounter(task.locationCode(), who);
    }
  }

  private static Problem sameCounter(String code, String who) {
    return Problem.conflict(
            "recount-by-another-counter",
            "location",
            "location "
                + code
                + " is recounted by another counter: "
                + who
                + " counted it the first time")
        .with("location", code);
  }
}
