package io.unitrace.returns;

import io.unitrace.ledger.UnitState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the warranty lookup answers about one unit: the unit, its warranty ({@link WarrantyTerms}),
 * the sale it was shipped under, the end customers' registrations (flagged ones with their
 * reasons), its claims, and the replacement link in either direction.
 */
public record WarrantyCard(
    String gtin,
    String serial,
    String sku,
    String product,
    UnitState state,
    WarrantyTerms.Status status,
    WarrantyTerms.Basis basis,
    LocalDate start,
    LocalDate end,
    Integer months,
    String terms,
    Sale sale,
    boolean flagged,
    List<Registration> registrations,
    List<ClaimLine> claims,
    Link replacedBy,
    Link replaces) {

  /** The shipment the warranty runs from. */
  public record Sale(String order, String channel, String customer, LocalDate shipDate) {}

  /**
   * A registration by an end customer. {@code flags}: why it needs a look (registered by another
   * party, in stock here, purchased before we shipped it).
   */
  public record Registration(
      String reference,
      LocalDate purchaseDate,
      String name,
      String email,
      String source,
      Instant registeredAt,
      boolean flagged,
      List<String> flags) {}

  public record ClaimLine(
      String number, ClaimStatus status, boolean inWarranty, Instant openedAt) {}

  /** The unit on the other side of a replacement, and the claim that made it. */
  public record Link(String gtin, String serial, String claim) {}
}
