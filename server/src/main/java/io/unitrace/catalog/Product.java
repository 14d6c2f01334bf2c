package io.unitrace.catalog;

import io.unitrace.gs1.Gtin;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A product as the rest of Unitrace sees it. {@code fixedBinId} is the STORAGE location it is
 * always put away to (none: any); {@code minShelfLifeDays} the least shelf life, in days, a unit
 * must have left when it arrives (none: no minimum). A {@code regulated} product (pharmaceuticals
 * under DSCSA, for instance) comes back into saleable stock only when its product identifier (GTIN,
 * serial, lot, expiry) matches what was shipped.
 */
public record Product(
    long id,
    long tenantId,
    String sku,
    String name,
    List<Gtin> gtins,
    Tracking tracking,
    boolean expiryTracked,
    Integer shelfLifeDays,
    Integer warrantyMonths,
    SerialScope serialScope,
    String manufacturer,
    String serialPattern,
    List<CustomField> customFields,
    Long fixedBinId,
    Integer minShelfLifeDays,
    boolean regulated) {

  /** The key under which a serial must be unique: the GTIN, or the manufacturer. */
  public String serialScopeKey(Gtin gtin) {
    return serialScope == SerialScope.MANUFACTURER ? "mfr:" + manufacturer : "gtin:" + gtin.value();
  }

  public boolean acceptsSerial(String serial) {
    return serialPattern == null || Pattern.matches(serialPattern, serial);
  }

  /**
   * The first tracking rule broken by goods of this product that name a serial or not, a lot or
   * not, and whose expiry is known or not (given, or on record for their lot); empty: none. Serial
   * first, then lot, then expiry: the order in which a refusal names them.
   */
  public Optional<TrackingRule> brokenRule(boolean serial, boolean lot, boolean expiry) {
    return serialRule(serial).or(() -> lotRule(lot)).or(() -> expiryRule(expiry));
  }

  /** A serialized product's goods are units, each named by its serial; no other's are. */
  public Optional<TrackingRule> serialRule(boolean serialNamed) {
    if (tracking.serialized() && !serialNamed) {
      return Optional.of(TrackingRule.SERIAL_REQUIRED);
    }
    if (!tracking.serialized() && serialNamed) {
      return Optional.of(TrackingRule.NOT_SERIALIZED);
    }
    return Optional.empty();
  }

  /** A lot-tracked product's goods name their lot; no other's do. */
  public Optional<TrackingRule> lotRule(boolean lotNamed) {
    if (tracking.lotted() && !lotNamed) {
      return Optional.of(TrackingRule.LOT_REQUIRED);
    }
    if (!tracking.lotted() && lotNamed) {
      return Optional.of(TrackingRule.NOT_LOT_TRACKED);
    }
    return Optional.empty();
  }

  /** An expiry-tracked product's goods have a known expiry date. */
  public Optional<TrackingRule> expiryRule(boolean expiryKnown) {
    return expiryTracked && !expiryKnown
        ? Optional.of(TrackingRule.EXPIRY_REQUIRED)
        : Optional.empty();
  }

  public Optional<CustomField> field(String name) {
    return customFields.stream().filter(f -> f.name().equals(name)).findFirst();
  }
}
