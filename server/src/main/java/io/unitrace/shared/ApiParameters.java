package io.unitrace.shared;

import io.swagger.v3.oas.models.parameters.Parameter;
import java.util.Map;

/**
 * Descriptions of path and query parameters by name, for those an operation does not describe
 * itself. An identifier in the path ({@code {id}}, {@code {code}}, {@code {number}}) is described
 * by the collection it names: {@code /receipts/{id}} → "the receipt's id".
 */
final class ApiParameters {

  private static final Map<String, String> BY_NAME =
      Map.ofEntries(
          Map.entry("gtin", "A GTIN of 14 digits (shorter GTINs are padded with leading zeros)."),
          Map.entry("serial", "A unit's serial number, as on its label (AI 21)."),
          Map.entry("sku", "A product's SKU."),
          Map.entry("lot", "A lot (batch) code (AI 10)."),
          Map.entry("sscc", "A container's SSCC: 18 digits (AI 00)."),
          Map.entry("location", "A location code, e.g. A-01-01 or DOCK-1."),
          Map.entry("warehouse", "A warehouse code."),
          Map.entry(
              "by",
              "The series of accuracy figures: week (the default; weeks start on Monday) or month."),
          Map.entry("container", "A container's SSCC."),
          Map.entry("product", "A product's SKU or GTIN."),
          Map.entry(
              "cursor", "Where a page starts: the `next` of the page before. None: the first."),
          Map.entry(
              "limit",
              "How many items a page holds at most (default "
                  + CursorPage.DEFAULT_LIMIT
                  + ", at most "
                  + CursorPage.MAX_LIMIT
                  + ")."),
          Map.entry("status", "Only those in this status."),
          Map.entry("state", "Only units in this state."),
          Map.entry("hold", "Only units under this hold (SUSPECT, RECALL, QC, EXPIRED, DAMAGED)."),
          Map.entry("field", "Only units whose custom field matches: `NAME=value`."),
          Map.entry("identifier", "Only units carrying this further identifier (IMEI, MAC…)."),
          Map.entry("scan", "A barcode as scanned: GS1 element string, Digital Link or plain."),
          Map.entry("format", "The image format of the label."),
          Map.entry("symbology", "The barcode type drawn on the label."),
          Map.entry("layout", "The label's layout (size and content)."),
          Map.entry("channel", "A sales channel's code."),
          Map.entry("channelOrderId", "The order's number in its sales channel."),
          Map.entry("customerId", "A customer's id in the recall's customer list."),
          Map.entry("lineNo", "An order line's number, from 1."),
          Map.entry("vendorLot", "A supplier's own lot code."),
          Map.entry("client", "The client's (tenant's) code."),
          Map.entry("from", "From this instant on (ISO 8601, inclusive)."),
          Map.entry("to", "Up to this instant (ISO 8601, exclusive)."),
          Map.entry("after", "Only what came after this position (the `next` of the last answer)."),
          Map.entry("waitSeconds", "Wait up to this many seconds for something new (long poll)."),
          Map.entry("expiresBefore", "Only lots that expire before this date (yyyy-MM-dd)."),
          Map.entry("reason", "Why, in a few words: kept with the record."),
          Map.entry("title", "The title printed on the label."),
          Map.entry("tenant", "The client's code: the same as the X-Tenant header."),
          Map.entry(
              "Idempotency-Key",
              "Any text unique to one intended change (e.g. the scan's id on the scanner):"
                  + " sent again, the first answer comes back and nothing is recorded twice; sent"
                  + " with a different request, it is refused (422 idempotency-key-reused)."));

  /** Properties of bodies and answers that mean the same wherever they appear. */
  private static final Map<String, String> PROPERTIES =
      Map.ofEntries(
          Map.entry("gtin", "A GTIN of 14 digits (AI 01)."),
          Map.entry("serial", "A unit's serial number (AI 21)."),
          Map.entry("lot", "A lot (batch) code (AI 10)."),
          Map.entry("sscc", "A container's SSCC, 18 digits (AI 00)."),
          Map.entry("sku", "A product's SKU."),
          Map.entry(
              "scan",
              "A barcode as scanned: GS1 element string (bracketed or raw), AIM-prefixed, or GS1"
                  + " Digital Link URI."),
          Map.entry("expiry", "Expiry date, yyyy-MM-dd (AI 17)."),
          Map.entry("manufactured", "Production date, yyyy-MM-dd (AI 11)."),
          Map.entry(
              "eventTime",
              "When it happened, ISO 8601 with its zone offset (kept for EPCIS). None: now."),
          Map.entry("recordedAt", "When the server recorded it (UTC)."),
          Map.entry("device", "The scanner or workstation that sent it, for the history."),
          Map.entry(
              "bizTransactions",
              "Business documents this belongs to (PO, ASN, order…), as EPCIS business"
                  + " transactions."),
          Map.entry("fields", "Custom field values by name (e.g. IMEI), as the product defines."),
          Map.entry("reason", "Why, in a few words: kept in the history."),
          Map.entry("quantity", "How many: units of an untracked product or of a lot."),
          Map.entry("damaged", "The item is damaged: it is received on DAMAGED hold."),
          Map.entry("vendorLot", "The supplier's own lot code."),
          Map.entry("dock", "The dock's location code."),
          Map.entry("warehouse", "A warehouse code."),
          Map.entry("holds", "Holds on it: SUSPECT, RECALL, QC, EXPIRED, DAMAGED."),
          Map.entry("next", "The cursor of the next page; none on the last page."),
          Map.entry("items", "This page's items."));

  private ApiParameters() {}

  /** The description of a body or answer property {@code name}, or null. */
  static String describeProperty(String name) {
    return PROPERTIES.get(name);
  }

  static String describe(String path, Parameter parameter) {
    String name = parameter.getName();
    if ("path".equals(parameter.getIn())
        && Map.of("id", 1, "code", 1, "number", 1).containsKey(name)) {
      return "The " + ownerOf(path, name) + "'s " + name + ".";
    }
    return BY_NAME.getOrDefault(name, null);
  }

  /** "receipt" for /api/v1/receipts/{id}/scans; "client" for /tenants/{code}. */
  private static String ownerOf(String path, String name) {
    String before = path.substring(0, path.indexOf("{" + name + "}"));
    String[] segments = before.split("/");
    String collection = segments.length == 0 ? "item" : segments[segments.length - 1];
    return switch (collection) {
      case "tenants" -> "client";
      case "pick-lists" -> "pick list";
      case "purchase-orders" -> "purchase order";
      case "sales-channels" -> "sales channel";
      case "return-reasons" -> "return reason";
      case "return-cases" -> "return case";
      case "warranty-claims" -> "warranty claim";
      case "licence-pools" -> "licence pool";
      case "rmas" -> "RMA";
      case "asns" -> "ASN";
      case "deliveries" -> "delivery";
      case "locations" -> "location";
      default ->
          collection.endsWith("es") && collection.matches(".*(ss|sh|ch|x)es")
              ? collection.substring(0, collection.length() - 2)
              : collection.endsWith("s")
                  ? collection.substring(0, collection.length() - 1)
                  : collection;
    };
  }
}
