package io.unitrace.catalog;

import io.unitrace.gs1.Gtin;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A product as the rest of Unitrace sees it. {@code fixedBinId} is the STORAGE location it is
 * always put away to (none: any); {@code minShelfLifeDays} the least shelf life, in days, a unit
 * must have left when it arrives (none: no minimum).
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
    Integer minShelfLifeDays) {

  /** The key under which a serial must be unique: the GTIN, or the manufacturer. */
  public String serialScopeKey(Gtin gtin) {
    return serialScope == SerialScope.MANUFACTURER ? "mfr:" + manufacturer : "gtin:" + gtin.value();
  }

  public boolean acceptsSerial(String serial) {
    return serialPattern == null || Pattern.matches(serialPattern, serial);
  }

  public Optional<CustomField> field(String name) {
    return customFields.stream().filter(f -> f.name().equals(name)).findFirst();
  }
}
