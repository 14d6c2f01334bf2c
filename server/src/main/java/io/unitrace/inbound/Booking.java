package io.unitrace.inbound;

import io.unitrace.catalog.Serial;
import io.unitrace.gs1.Gtin;
import io.unitrace.gs1.Sscc;
import io.unitrace.ledger.Adjustment;
import io.unitrace.ledger.Arrivals;
import io.unitrace.ledger.Hold;
import io.unitrace.ledger.RequestMeta;
import io.unitrace.ledger.StockBook;
import io.unitrace.ledger.UnitBook;
import io.unitrace.ledger.UnitRef;
import io.unitrace.shared.Database;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Books a request's candidates in: gathers the facts, judges, and writes what the verdicts say, in
 * one transaction. The ledger gets one RECEIVED event for everything taken in (plus a SUSPECT hold
 * per duplicate and an event per correction); the receipt gets a row per line and its running
 * tally, in the same transaction, so the receipt and the ledger never disagree.
 *
 * <p>Design note (ADR 0007, 0008). Judging reads; only the ledger's unique indexes and bucket
 * versions settle a race. If another dock took one of the serials (or an announced SSCC, or changed
 * a unit or a stock bucket) first, the ledger refuses, the whole transaction rolls back, and the
 * request is judged again from fresh reads, at most {@value #ATTEMPTS} times: a serial taken
 * meanwhile is now a DUPLICATE. No lock, no in-memory state. A request that lost to its own twin
 * (the same key sent twice at once) answers with what the twin recorded. Each attempt first reads
 * the receipt with a shared lock and goes on only while it is open, so a close waits for it.
 */
@Component
class Booking {

  private static final int ATTEMPTS = 10;

  /** Refusals that mean another request changed the facts meanwhile: judge again. */
  private static final List<String> LOST_RACES =
      List.of("duplicate-serial", "duplicate-sscc", "illegal-transition", "concurrent-change");

  private final ReceiptRows rows;
  private final FactGathering facts;
  private final UnitBook units;
  private final StockBook stock;
  private final Arrivals ledgerArrivals;
  private final TransactionTemplate tx;
  private final Clock clock;

  Booking(
      ReceiptRows rows,
      FactGathering facts,
      UnitBook units,
      StockBook stock,
      Arrivals arrivals,
      TransactionTemplate tx,
      Clock clock) {
    this.rows = rows;
    this.facts = facts;
    this.units = units;
    this.stock = stock;
    this.ledgerArrivals = arrivals;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * Judges and writes, again from fresh reads if a concurrent receipt took one of the serials
   * first. {@code single}: the scan when the request is one (its device and text go on the event);
   * {@code batch}: what the request takes in.
   */
  Receiving.ScanAnswer book(
      TenantScope scope,
      Receipt r,
      String key,
      List<Candidate> candidates,
      Receiving.ScanRequest single,
      Batch batch) {
    RuntimeException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        return tx.execute(t -> write(scope, r, key, candidates, single, batch));
      } catch (Problem p) {
        // Lost races, judged again from fresh reads: a serial or an announced container's SSCC
        // taken by another dock, a unit or stock changed meanwhile.
        if (!LOST_RACES.contains(p.code())) {
          throw p;
        }
        last = p;
      } catch (TransactionException e) {
        last = e;
      } catch (DataAccessException e) {
        // The same request sent twice at once: the twin that committed first answers for both.
        List<Receiving.Line> twin =
            Database.isUniqueViolation(e) ? rows.scansByKey(r.id(), key) : List.of();
        if (twin.isEmpty()) {
          throw e;
        }
        return ScanAnswers.of(batch.kind().name(), twin, batch.sscc(), true, counters(r));
      }
    }
    throw last;
  }

  Receiving.Counters counters(Receipt r) {
    return Receiving.Counters.of(
        r.expected(), rows.receivedCount(r.id()), rows.exceptionCounts(r.id()));
  }

  private Receiving.ScanAnswer write(
      TenantScope scope,
      Receipt r,
      String key,
      List<Candidate> candidates,
      Receiving.ScanRequest single,
      Batch batch) {
    if (!rows.stillOpen(r.id())) {
      throw Problem.conflict(
          "receipt-closed", null, "receipt " + r.id() + " was closed: open a new one");
    }
    List<Judged> judged =
        Judging.judge(
            candidates, facts.gather(scope.tenantId(), r, candidates), LocalDate.now(clock));
    String device = single == null ? null : single.device();
    Long eventId = receive(scope, r, key, judged, batch, device, single);
    for (int i = 0; i < judged.size(); i++) {
      Judged j = judged.get(i);
      if (j.outcome() == ScanOutcome.DUPLICATE && j.existing() != null) {
        suspect(scope, r, key, j);
      } else if (j.outcome() == ScanOutcome.MARKED_DAMAGED
          || j.outcome() == ScanOutcome.NOT_FOUND) {
        // Each correction is an event of its own, under its own key: one request may carry several,
        // beside its receipt event.
        correct(scope, r, key + ":correction:" + i, j, device);
      }
    }
    List<Receiving.Line> lines = new ArrayList<>(judged.size());
    List<ScanRow> kept = new ArrayList<>(judged.size());
    for (Judged j : judged) {
      Receiving.Line line = j.line(r);
      lines.add(line);
      kept.add(j.row(line));
    }
    rows.insertScans(
        scope.tenantId(), r.id(), key, kept, eventId, scope.actor().who(), device, clock.millis());
    rows.tally(scope.tenantId(), r.id(), tally(judged));
    return ScanAnswers.of(batch.kind().name(), lines, batch.sscc(), false, counters(r));
  }

  /**
   * Takes in what the verdicts receive, in one ledger event; null if nothing. Cases announced on
   * the ASN are created at the dock, nested as announced, when a container or a confirmation
   * receives units in them.
   */
  private Long receive(
      TenantScope scope,
      Receipt r,
      String key,
      List<Judged> judged,
      Batch batch,
      String device,
      Receiving.ScanRequest single) {
    List<Arrivals.Arrival> arrivals = new ArrayList<>();
    List<Arrivals.ArrivingQuantity> quantities = new ArrayList<>();
    for (Judged j : judged) {
      if (j.outcome().received()) {
        if (j.c().counted()) {
          quantities.add(j.quantity(r));
        } else {
          arrivals.add(j.arrival(r));
        }
      }
    }
    if (arrivals.isEmpty() && quantities.isEmpty()) {
      return null;
    }
    List<Arrivals.ArrivingContainer> containers = new ArrayList<>();
    if (!arrivals.isEmpty() && batch.kind() != Batch.Kind.UNIT && r.asnId() != null) {
      List<Sscc> cases =
          arrivals.stream()
              .map(Arrivals.Arrival::container)
              .filter(Objects::nonNull)
              .distinct()
              .toList();
      containers.addAll(AnnouncedContainers.needed(rows.announcedContainers(r.asnId()), cases));
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("receipt", r.id());
    if (r.vendor() != null) {
      details.put("vendor", r.vendor());
    }
    return ledgerArrivals
        .receive(
            scope,
            new Arrivals.Delivery(r.dock(), arrivals, quantities, containers, details),
            new RequestMeta(
                "receipt:" + r.id() + ":" + key,
                null,
                device,
                single == null ? null : single.scan(),
                r.bizTransactions()))
        .eventId();
  }

  /** Per product, {received, counted against the PO}: what the lines add to the receipt's tally. */
  private static Map<Long, int[]> tally(List<Judged> judged) {
    Map<Long, int[]> deltas = new HashMap<>();
    for (Judged j : judged) {
      int delta = j.receivedDelta();
      if (delta != 0 && j.product() != null) {
        int[] d = deltas.computeIfAbsent(j.product().id(), x -> new int[2]);
        d[0] += delta;
        d[1] += j.countsAgainstPo() ? delta : 0;
      }
    }
    return deltas;
  }

  /**
   * A duplicate is never merged: the unit already in stock goes on SUSPECT hold (unless it is gone
   * or already suspect), the scanned item is set aside.
   */
  private void suspect(TenantScope scope, Receipt r, String key, Judged j) {
    UnitRef ref = new UnitRef(new Gtin(j.c().gtin()), new Serial(j.c().serial()));
    if (!j.existing().state().terminal() && (j.existing().holds() & Hold.SUSPECT.bit()) == 0) {
      units.placeHold(
          scope,
          ref,
          Hold.SUSPECT,
          "the same serial was scanned again at receipt " + r.id() + " on " + r.dock(),
          new RequestMeta(
              ledgerKey(
                  "receipt:"
                      + r.id()
                      + ":"
                      + key
                      + ":suspect:"
                      + j.c().gtin()
                      + ":"
                      + j.c().serial()),
              null,
              null,
              j.c().scan(),
              r.bizTransactions()));
    }
  }

  /**
   * An exception scan inside a container received as a whole corrects what was inferred for one
   * unit or quantity: damaged goes on DAMAGED hold, not found is recorded LOST.
   */
  private void correct(TenantScope scope, Receipt r, String key, Judged j, String device) {
    if (j.c().counted()) {
      stock.adjust(
          scope,
          new StockBook.StockAdjustment(
              j.c().gtin(),
              j.lot(),
              null,
              r.dock(),
              Adjustment.LOST,
              j.c().quantity(),
              "announced but not found at receipt " + r.id() + " on " + r.dock()),
          new RequestMeta(
              "receipt:" + r.id() + ":" + key, null, device, j.c().scan(), r.bizTransactions()));
      return;
    }
    UnitRef ref = new UnitRef(new Gtin(j.c().gtin()), new Serial(j.c().serial()));
    RequestMeta meta =
        new RequestMeta(
            "receipt:" + r.id() + ":" + key, null, device, j.c().scan(), r.bizTransactions());
    if (j.outcome() == ScanOutcome.MARKED_DAMAGED) {
      units.placeHold(
          scope, ref, Hold.DAMAGED, "found damaged at receipt " + r.id() + " on " + r.dock(), meta);
    } else {
      units.adjust(
          scope,
          ref,
          Adjustment.LOST,
          "announced but not found at receipt " + r.id() + " on " + r.dock(),
          null,
          meta);
    }
  }

  /**
   * The ledger keeps request keys of up to 100 characters. A derived key that grew longer (a long
   * client key plus GTIN and serial) is cut and completed by its SHA-256, so that the same request
   * still finds the same event.
   */
  static String ledgerKey(String key) {
    if (key.length() <= 100) {
      return key;
    }
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return key.substring(0, 35) + ":" + java.util.HexFormat.of().formatHex(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
