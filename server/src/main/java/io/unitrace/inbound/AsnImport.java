package io.unitrace.inbound;

import io.unitrace.shared.CsvInput;
import io.unitrace.shared.Problem;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Items (and the containers they travel in) appended to an existing ASN from CSV, all or nothing.
 * Columns: gtin, serial, lot, expiry, manufactured, sscc, parent_sscc, quantity, vendor_lot; only
 * gtin is required. A row's {@code sscc} is its case and {@code parent_sscc} that case's pallet; a
 * container is created the first time a row names it.
 *
 * <p>Built for expected-serial files of 100,000 rows in one request: the rows stream through {@link
 * AsnContents} (one product look-up per GTIN, everything checked in memory), then go in with a few
 * dozen multi-row inserts. A refusal names the row and column and writes nothing.
 */
@Component
public class AsnImport {

  static final Set<String> COLUMNS =
      Set.of(
          "gtin",
          "serial",
          "lot",
          "expiry",
          "manufactured",
          "sscc",
          "parent_sscc",
          "quantity",
          "vendor_lot");

  private static final List<String> REQUIRED = List.of("gtin");

  private final Asns asns;
  private final PurchaseOrders purchaseOrders;

  AsnImport(Asns asns, PurchaseOrders purchaseOrders) {
    this.asns = asns;
    this.purchaseOrders = purchaseOrders;
  }

  @Transactional
  public Asns.Appended append(long tenantId, String number, Reader csv) {
    PurchaseOrders.Asn asn =
        purchaseOrders.asnByNumber(tenantId, number).orElseThrow(() -> Asns.unknownAsn(number));
    AsnContents contents =
        asns.contents(
            tenantId,
            asns.knownContainers(tenantId, asn.id()),
            asns.knownSerials(tenantId, asn.id()));
    int rows = 0;
    try (CSVParser parser = CsvInput.open(csv, COLUMNS, REQUIRED)) {
      for (CSVRecord r : parser) {
        String at = "row " + InboundCsv.row(r) + ": ";
        String sscc = InboundCsv.get(r, "sscc");
        contents.mention(sscc, InboundCsv.get(r, "parent_sscc"), f -> at + f);
        contents.item(
            InboundCsv.get(r, "gtin"),
            InboundCsv.get(r, "serial"),
            InboundCsv.get(r, "lot"),
            InboundCsv.date(r, "expiry"),
            InboundCsv.date(r, "manufactured"),
            sscc,
            InboundCsv.integer(r, "quantity"),
            InboundCsv.get(r, "vendor_lot"),
            f -> at + (f.equals("vendorLot") ? "vendor_lot" : f));
        rows++;
      }
    } catch (IOException
        | UncheckedIOException
        | IllegalStateException
        | IllegalArgumentException e) {
      throw Problem.badRequest("malformed-csv", null, "the CSV cannot be read: " + e.getMessage());
    }
    if (rows == 0) {
      throw Problem.badRequest("empty-csv", null, "the CSV has no rows");
    }
    List<AsnContents.NewContainer> created = contents.finish();
    asns.write(tenantId, asn.id(), created, contents.items());
    return new Asns.Appended(created.size(), contents.items().size());
  }
}
