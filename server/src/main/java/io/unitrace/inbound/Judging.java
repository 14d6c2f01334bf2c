package io.unitrace.inbound;

import io.unitrace.catalog.Product;
import io.unitrace.catalog.TrackingRule;
import io.unitrace.gs1.Gtin;
import io.unitrace.ledger.UnitState;
import io.unitrace.shared.Problem;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Judges all items of one request (a scan, a container's content, a bulk confirmation) against
 * facts read beforehand ({@link ReceiptFacts}): pure Java, no database.
 *
 * <p>Design note. Each item is judged by the rules of {@link ScanChecks}, in request order, but not
 * alone: what earlier items of the same request took counts for the later ones, as if each had been
 * scanned on its own. This object keeps that bookkeeping, and lives for one request only:
 *
 * <ul>
 *   <li>a serial seen twice in one request is a REPEAT the second time;
 *   <li>units and quantities taken in count against the PO's open quantity (wrong products and
 *       overs do not), and quantities of a lot against what the ASN announced of it;
 *   <li>quantities reported not found count against what the receipt took in.
 * </ul>
 *
 * <p>A counted quantity is split where a rule's limit falls inside it: at what the PO still has
 * open (the rest is OVER_QUANTITY), and at what the ASN still has of its lot (the rest is judged as
 * not announced: UNEXPECTED). Each part is judged and answered as a line of its own. Serialized
 * units are never split: each is one.
 *
 * <p>Refusals (the request is wrong, not the goods) are thrown as {@link Problem}s naming the item:
 * a quantity of a serialized product, a serial of a counted one, a lot missing or superfluous, a
 * "not found" for what the receipt never took in.
 */
final class Judging {

  private final ReceiptFacts facts;
  private final LocalDate today;

  /** Serials judged so far in this request. */
  private final Set<SerialOf> seen = new HashSet<>();

  /** Counted goods this request took in so far. */
  private final Map<LotOf, Long> takenNow = new HashMap<>();

  /** Counted goods this request reported not found so far. */
  private final Map<LotOf, Long> foundMissingNow = new HashMap<>();

  /** Units and quantities this request counted against the PO so far, by product id. */
  private final Map<Long, Integer> forPoNow = new HashMap<>();

  private Judging(ReceiptFacts facts, LocalDate today) {
    this.facts = facts;
    this.today = today;
  }

  /** The verdicts on a request's candidates, in order; a split candidate yields several. */
  static List<Judged> judge(List<Candidate> candidates, ReceiptFacts facts, LocalDate today) {
    return new Judging(facts, today).all(candidates);
  }

  /**
   * The lot an item is judged and registered with: as scanned, else as the ASN announced it (for a
   * serial: its own announcement). The facts' lot expiries are read for these lots.
   */
  static String lotOf(Candidate c, Map<SerialOf, ScanChecks.Announced> announcedSerials) {
    if (c.counted() || c.lot() != null || c.announced() != null) {
      return c.lotSeen();
    }
    ScanChecks.Announced a = announcedSerials.get(c.serialKey());
    return a == null ? null : a.lot();
  }

  private List<Judged> all(List<Candidate> candidates) {
    // A tracking mismatch refuses the whole request before any item is judged.
    for (Candidate c : candidates) {
      facts.product(c.gtin()).ifPresent(p -> requireTrackingFits(c, p));
    }
    List<Judged> out = new ArrayList<>(candidates.size());
    for (Candidate whole : candidates) {
      Product p = facts.product(whole.gtin()).orElse(null);
      Integer ordered = facts.orderedOf(p);
      Deque<Part> parts = new ArrayDeque<>();
      split(whole, ordered, forPo(p)).forEach(c -> parts.add(new Part(c, false)));
      while (!parts.isEmpty()) {
        out.add(judgePart(parts.removeFirst(), p, ordered, parts));
      }
    }
    return out;
  }

  /**
   * A candidate, or part of one; {@code beyondAsn}: the part of a quantity past what the ASN
   * announced of its lot.
   */
  private record Part(Candidate c, boolean beyondAsn) {}

  /**
   * A quantity within what the PO still has open, and the rest beyond it; anything else whole: a
   * unit, a correction, a quantity without a PO (or not ordered at all, or already all received), a
   * quantity that fits.
   */
  static List<Candidate> split(Candidate c, Integer ordered, int receivedBefore) {
    if (!c.counted()
        || c.missing()
        || ordered == null
        || ordered == 0
        || receivedBefore >= ordered
        || receivedBefore + c.quantity() <= ordered) {
      return List.of(c);
    }
    int within = ordered - receivedBefore;
    return List.of(c.withQuantity(within), c.withQuantity(c.quantity() - within));
  }

  /** Judges one part; a quantity running past the ASN's announcement puts its rest in front. */
  private Judged judgePart(Part part, Product p, Integer ordered, Deque<Part> rest) {
    Candidate c = part.c();
    String lot = c.lotSeen();
    boolean here;
    ScanChecks.Announced a;
    if (c.counted()) {
      requireLotFits(c, p, lot);
      LotOf lk = new LotOf(c.gtin(), lot);
      long taken = facts.receivedQuantities().getOrDefault(lk, 0L) - foundMissing(lk);
      if (c.missing() && taken < c.quantity()) {
        throw Problem.conflict(
            "not-received-here",
            c.field("quantity"),
            "this receipt took in "
                + taken
                + " of "
                + c.gtin()
                + (lot == null ? "" : " lot " + lot)
                + ": only what it took in can be reported not found");
      }
      here = c.missing();
      a =
          part.beyondAsn()
              ? null
              : c.announced() != null
                  ? c.announced()
                  : announcedLot(facts.announcedLots().get(c.gtin()), lot);
      if (!c.missing() && a != null && Objects.equals(a.lot(), lot)) {
        // More of a lot than the ASN announces (and the receipt has not had yet) is not on the
        // ASN, as an unannounced serial is not.
        long open =
            facts.announcedQuantities().getOrDefault(lk, 0L)
                - facts.receivedQuantities().getOrDefault(lk, 0L)
                - takenNow.getOrDefault(lk, 0L);
        if (c.quantity() > open) {
          if (open > 0) {
            rest.addFirst(new Part(c.withQuantity((int) (c.quantity() - open)), true));
            c = c.withQuantity((int) open);
          } else {
            a = null;
          }
        }
      }
    } else {
      SerialOf k = c.serialKey();
      if (c.missing() && !facts.receivedHere().contains(k)) {
        throw Problem.conflict(
            "not-received-here",
            c.field("scan"),
            "serial "
                + c.serial()
                + " was not received on this receipt: only a unit it took in "
                + "can be reported not found");
      }
      // Only a serial the receipt has not taken in yet is remembered: a second scan of one it has
      // is a repeat anyway.
      here = facts.receivedHere().contains(k) || !seen.add(k);
      a = c.announced() != null ? c.announced() : facts.announced().get(k);
      lot = c.lot() != null ? c.lot() : a == null ? null : a.lot();
    }
    ReceiptFacts.Existing e =
        p == null || c.counted()
            ? null
            : facts
                .existing()
                .get(new ScopedSerial(p.serialScopeKey(new Gtin(c.gtin())), c.serial()));
    LocalDate expiry = c.expiry() != null ? c.expiry() : a == null ? null : a.expiry();
    LocalDate lotExpiry =
        p == null || lot == null || !p.tracking().lotted()
            ? null
            : facts.lotExpiries().get(new ProductLot(p.id(), lot));
    if (expiry == null) {
      expiry = lotExpiry;
    }
    ScanChecks.Verdict v =
        ScanChecks.judge(
            new ScanChecks.Facts(
                p != null,
                p == null ? null : p.sku(),
                here,
                e == null ? null : e.state(),
                facts.hasPo(),
                ordered,
                forPo(p),
                facts.hasAsn(),
                a,
                c.lot(),
                expiry,
                p == null ? null : p.minShelfLifeDays(),
                c.damaged(),
                c.missing(),
                today,
                lotExpiry));
    book(c, p, lot, v.outcome());
    // A lot already known keeps its expiry: a label that contradicts it is an exception, not a
    // new date for the lot.
    return new Judged(
        c,
        p,
        v.outcome(),
        v.message(),
        expiry,
        lot,
        e == null || e.state() == UnitState.EXPECTED ? null : e,
        lotExpiry != null ? lotExpiry : expiry);
  }

  /** Keeps what a verdict took, so that the request's later items are judged after it. */
  private void book(Candidate c, Product p, String lot, ScanOutcome outcome) {
    if (outcome.received()
        && p != null
        && outcome != ScanOutcome.WRONG_PRODUCT
        && outcome != ScanOutcome.OVER_QUANTITY) {
      forPoNow.merge(p.id(), c.quantity(), Integer::sum);
    }
    if (c.counted() && outcome.received()) {
      takenNow.merge(new LotOf(c.gtin(), lot), (long) c.quantity(), Long::sum);
    } else if (c.counted() && outcome == ScanOutcome.NOT_FOUND) {
      foundMissingNow.merge(new LotOf(c.gtin(), lot), (long) c.quantity(), Long::sum);
    }
  }

  /** Received against the PO before this item: over all receipts, and earlier in this request. */
  private int forPo(Product p) {
    return p == null ? 0 : facts.receivedForPo(p.id()) + forPoNow.getOrDefault(p.id(), 0);
  }

  private long foundMissing(LotOf lotKey) {
    return facts.missingQuantities().getOrDefault(lotKey, 0L)
        + foundMissingNow.getOrDefault(lotKey, 0L);
  }

  /** A serialized product is received unit by unit, a counted one by quantity. */
  private static void requireTrackingFits(Candidate c, Product p) {
    Optional<TrackingRule> broken = p.serialRule(!c.counted());
    if (broken.isPresent()) {
      throw broken.get() == TrackingRule.SERIAL_REQUIRED
          ? Problem.badRequest(
              broken.get().code(),
              c.field("serial"),
              p.sku() + " is tracked by serial: scan each unit's serial, not a quantity")
          : Problem.unprocessable(
              broken.get().code(),
              c.field("scan"),
              p.sku()
                  + " is tracked by "
                  + p.tracking()
                  + ", not by serial: receive it by quantity (its GTIN"
                  + (p.tracking().lotted() ? " and lot" : "")
                  + " and how many)");
    }
  }

  /** A quantity of a lot-tracked product names its lot; one of an untracked product names none. */
  private static void requireLotFits(Candidate c, Product p, String lot) {
    Optional<TrackingRule> broken = p == null ? Optional.empty() : p.lotRule(lot != null);
    if (broken.isEmpty()) {
      return;
    }
    if (broken.get() == TrackingRule.LOT_REQUIRED) {
      throw Problem.badRequest(
          broken.get().code(),
          c.field("lot"),
          p.sku() + " is tracked by lot: scan the label with its lot (10), or name the lot");
    }
    throw Problem.badRequest(
        broken.get().code(),
        c.field(c.scan() == null ? "lot" : "scan"),
        p.sku()
            + " is not tracked by lot, but the "
            + (c.scan() == null ? "item names" : "label carries")
            + " lot "
            + lot
            + ": check the product's tracking in the catalog");
  }

  /**
   * What the ASN announced of a counted product's lot: the line with that lot, or, if the product
   * is announced only with other lots, one of those (so the check finds the lot differs); null if
   * the ASN does not announce the product at all.
   */
  private static ScanChecks.Announced announcedLot(List<ScanChecks.Announced> lots, String lot) {
    if (lots == null || lots.isEmpty()) {
      return null;
    }
    return lots.stream().filter(a -> Objects.equals(a.lot(), lot)).findFirst().orElse(lots.get(0));
  }
}
