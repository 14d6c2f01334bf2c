package io.unitrace.shared;

import io.swagger.v3.core.util.Json;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * Examples of the main requests in the OpenAPI document, by operation ({@code "POST
 * /api/v1/units"}): the README's first walk, receiving, putaway, an order, a count and a transfer.
 * Kept in one place so a controller stays readable; {@link ApiContract} puts each on its
 * operation's body.
 */
final class ApiExamples {

  /** An example body: JSON text for JSON, the text itself for CSV and plain text. */
  record Example(String mediaType, String name, String summary, Object value) {}

  private static final String JSON = "application/json";

  private static final Map<String, Example> BY_OPERATION =
      Map.ofEntries(
          json(
              "POST /api/v1/tenants",
              "a client of the warehouse",
              """
              {"code": "acme", "name": "Acme Electronics"}"""),
          json(
              "POST /api/v1/warehouses",
              "a warehouse",
              """
              {"code": "WH1", "name": "Main warehouse"}"""),
          json(
              "POST /api/v1/locations",
              "a receiving dock",
              """
              {"warehouse": "WH1", "code": "DOCK-1", "type": "DOCK", "level": "AREA"}"""),
          json(
              "POST /api/v1/products",
              "a serialized phone with an IMEI field",
              """
              {"sku": "PHONE-1", "name": "Phone", "gtins": ["09506000134352"], "tracking": "SERIAL",
               "customFields": [{"name": "IMEI", "type": "TEXT", "required": false, "unique": true}]}"""),
          json(
              "POST /api/v1/units",
              "register a unit on the dock",
              """
              {"location": "DOCK-1",
               "units": [{"gtin": "09506000134352", "serial": "SN1", "fields": {"IMEI": "356938035643809"}}]}"""),
          json(
              "POST /api/v1/units/01/{gtin}/21/{serial}/move",
              "move a unit to a bin",
              """
              {"location": "A-01-01"}"""),
          json(
              "POST /api/v1/units/by-scan/move",
              "move what a scan names",
              """
              {"scan": "(01)09506000134352(21)SN1", "location": "A-01-01"}"""),
          json(
              "POST /api/v1/transfers",
              "phones and six boxes of a lot to another warehouse",
              """
              {"from": "WH1", "to": "WH2",
               "units": [{"gtin": "09506000134352", "serial": "SN1"}],
               "stock": [{"gtin": "09506000134468", "lot": "AA1", "from": "C-02", "quantity": 6}]}"""),
          json(
              "POST /api/v1/transfers/{number}/receive",
              "four of the six boxes arrive on the dock",
              """
              {"dock": "N-DOCK",
               "stock": [{"gtin": "09506000134468", "lot": "AA1", "quantity": 4}]}"""),
          json(
              "POST /api/v1/transfers/{number}/close",
              "the last two boxes never came: closed short",
              """
              {"reason": "two boxes missing from the lorry, carrier claim 4471"}"""),
          json(
              "POST /api/v1/stock/moves",
              "move 10 of a lot",
              """
              {"gtin": "09506000134369", "lot": "L2291", "quantity": 10, "from": "A-01-01", "to": "A-01-02"}"""),
          json(
              "POST /api/v1/tokens",
              "a scanner's token for one client",
              """
              {"name": "scanner-7", "tenant": "acme", "scope": "write"}"""),
          json(
              "POST /api/v1/purchase-orders",
              "a purchase order of three phones",
              """
              {"number": "PO-1001", "vendor": "Acme Phones Ltd", "lines": [{"sku": "PHONE-1", "quantity": 3}]}"""),
          json(
              "POST /api/v1/asns",
              "an ASN announcing a lot",
              """
              {"number": "ASN-1002", "purchaseOrder": "PO-1002",
               "items": [{"gtin": "09506000134369", "lot": "L2291", "expiry": "2029-06-30", "quantity": 48}]}"""),
          json(
              "POST /api/v1/receipts",
              "receive an ASN at a dock",
              """
              {"dock": "DOCK-1", "asn": "ASN-1001"}"""),
          json(
              "POST /api/v1/receipts/{id}/scans",
              "a unit's barcode",
              """
              {"scan": "(01)09506000134352(21)SN2"}"""),
          json(
              "POST /api/v1/putaway",
              "put a scanned unit away",
              """
              {"scan": "(01)09506000134352(21)SN2", "location": "A-01-01"}"""),
          json(
              "POST /api/v1/orders",
              "an order of two phones",
              """
              {"channel": "shop", "channelOrderId": "1001", "warehouse": "WH1", "customer": "C-17",
               "shipTo": {"name": "Jo Doe", "address": "1 High Street, Leeds"},
               "lines": [{"sku": "PHONE-1", "quantity": 2}]}"""),
          json(
              "POST /api/v1/counts/{id}/locations/{code}/scans",
              "a unit found in the counted bin",
              """
              {"scan": "(01)09506000134352(21)SN1"}"""),
          json(
              "POST /api/v1/gs1/parse",
              "a scan to read",
              """
              {"scan": "(01)09506000134352(17)201225(10)ABC123(21)XYZ"}"""));

  /** The order CSV import's example: same operation as the JSON order, another media type. */
  private static final Map<String, Example> CSV =
      Map.of(
          "POST /api/v1/orders",
          new Example(
              "text/csv",
              "orders",
              "two orders, one line each",
              """
              channel,channelOrderId,warehouse,customer,shipToName,shipToAddress,sku,quantity
              shop,1001,WH1,C-17,Jo Doe,"1 High Street, Leeds",PHONE-1,2
              shop,1002,WH1,C-18,Al Roe,"2 Low Road, York",PHONE-1,1
              """));

  private ApiExamples() {}

  static Optional<Example> of(String operation) {
    return Optional.ofNullable(BY_OPERATION.get(operation));
  }

  static Optional<Example> csvOf(String operation) {
    return Optional.ofNullable(CSV.get(operation));
  }

  private static Map.Entry<String, Example> json(String operation, String summary, String text) {
    try {
      return Map.entry(
          operation, new Example(JSON, "example", summary, Json.mapper().readTree(text)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(operation + ": the example is not JSON", e);
    }
  }
}
