package io.unitrace.ledger;

import io.unitrace.catalog.Serial;
import io.unitrace.gs1.Gtin;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A unit's identity within a tenant: GTIN and serial, as in its GS1 Digital Link {@code
 * /01/{gtin}/21/{serial}}.
 */
public record UnitRef(Gtin gtin, Serial serial) {

  public String digitalLinkPath() {
    return "/01/"
        + gtin.value()
        + "/21/"
        + URLEncoder.encode(serial.value(), StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public String toString() {
    return "(01)" + gtin.value() + "(21)" + serial.value();
  }
}
