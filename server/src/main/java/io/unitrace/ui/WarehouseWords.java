package io.unitrace.ui;

import io.unitrace.shared.Problem;
import java.util.Locale;
import java.util.Map;

/**
 * The words a screen shows for the standard terms the ledger and the scan parser speak: CBV 2.0
 * business steps and dispositions, EDI document types, GS1 syntax errors. The screens say the
 * warehouse word and keep the standard term at hand (a disclosure or a title), so a supervisor
 * talking to an auditor or an EDI partner still finds it. The API keeps the standard terms only.
 *
 * <p>Pure: no state, no Spring; pages hand it to templates as the model attribute {@code words}.
 * What templates call is public: SpEL finds only public methods.
 */
final class WarehouseWords {

  /** A warehouse word and the standard term behind it (null when the word is the term itself). */
  record Said(String plain, String standard) {

    public boolean translated() {
      return standard != null;
    }
  }

  static final WarehouseWords WORDS = new WarehouseWords();

  private static final String UNREADABLE = "This barcode could not be read";

  /** CBV 2.0 dispositions (the vocabulary's short names), as a picker or a supervisor says them. */
  private static final Map<String, String> DISPOSITIONS =
      Map.ofEntries(
          Map.entry("active", "in stock"),
          Map.entry("available", "available"),
          Map.entry("conformant", "passed inspection"),
          Map.entry("non_conformant", "failed inspection"),
          Map.entry("container_closed", "case closed"),
          Map.entry("container_open", "case open"),
          Map.entry("damaged", "damaged"),
          Map.entry("destroyed", "destroyed"),
          Map.entry("dispensed", "dispensed"),
          Map.entry("disposed", "disposed of"),
          Map.entry("encoded", "labelled"),
          Map.entry("expired", "expired"),
          Map.entry("in_progress", "being worked on"),
          Map.entry("in_transit", "on the way"),
          Map.entry("inactive", "not in use"),
          Map.entry("needs_replacement", "to be replaced"),
          Map.entry("non_sellable_other", "not for sale"),
          Map.entry("recalled", "recalled"),
          Map.entry("reserved", "reserved for an order"),
          Map.entry("retail_sold", "sold"),
          Map.entry("returned", "returned"),
          Map.entry("sellable_accessible", "for sale, in reach"),
          Map.entry("sellable_not_accessible", "for sale, not in reach yet"),
          Map.entry("stolen", "stolen"),
          Map.entry("unavailable", "not available"),
          Map.entry("unknown", "unknown"));

  /** CBV 2.0 business steps used by the ledger, as what the person was doing. */
  private static final Map<String, String> STEPS =
      Map.ofEntries(
          Map.entry("assembling", "assembly"),
          Map.entry("commissioning", "first registered"),
          Map.entry("cycle_counting", "counting"),
          Map.entry("destroying", "scrapping"),
          Map.entry("disassembling", "taking apart"),
          Map.entry("encoding", "label or data change"),
          Map.entry("holding", "hold"),
          Map.entry("inspecting", "inspection"),
          Map.entry("packing", "packing"),
          Map.entry("picking", "picking"),
          Map.entry("receiving", "receiving"),
          Map.entry("repairing", "repair"),
          Map.entry("replacing", "replacement"),
          Map.entry("reserving", "reservation for an order"),
          Map.entry("shipping", "shipping"),
          Map.entry("staging_outbound", "staging for dispatch"),
          Map.entry("storing", "storage"),
          Map.entry("unpacking", "unpacking"));

  /** Business transaction types (CBV and EDI names) as the documents a warehouse knows. */
  private static final Map<String, String> DOCUMENTS =
      Map.of(
          "desadv", "Dispatch advice",
          "po", "Purchase order",
          "rma", "Return authorisation",
          "count", "Count");

  /** What was wrong with the barcode, per GS1 syntax error code, for the person holding it. */
  private static final Map<String, String> GS1_REASONS =
      Map.ofEntries(
          Map.entry("empty", "nothing was scanned"),
          Map.entry("unknown-ai", "it is not a GS1 barcode, or part of it was misread"),
          Map.entry("bracket-syntax", "the brackets are not where they belong"),
          Map.entry("unsupported-symbology", "this kind of barcode is not supported"),
          Map.entry("length", "a number in it is too short or too long"),
          Map.entry("charset", "it holds a character that does not belong there"),
          Map.entry("check-digit", "its check digit is wrong (misread or mistyped)"),
          Map.entry("check-pair", "its check characters are wrong (misread or mistyped)"),
          Map.entry("company-prefix", "its number is not one a company was given"),
          Map.entry("date", "it holds a date that does not exist"),
          Map.entry("time", "it holds a time that does not exist"));

  /** A CBV disposition ({@code non_sellable_other}, or its URN or web URI form). */
  public Said disposition(String cbv) {
    return said(cbv, DISPOSITIONS, "disposition");
  }

  /** A CBV business step ({@code storing}, or its URN or web URI form). */
  public Said step(String cbv) {
    return said(cbv, STEPS, "business step");
  }

  /**
   * A business transaction as the unit card lists it ({@code "DESADV ASN-1"}): the document's name
   * in words, the standard type kept.
   */
  public Said transaction(String shown) {
    if (shown == null || shown.isBlank()) {
      return new Said(shown, null);
    }
    String text = shown.strip();
    int space = text.indexOf(' ');
    String type = space < 0 ? text : text.substring(0, space);
    String rest = space < 0 ? "" : text.substring(space);
    String words = DOCUMENTS.get(type.toLowerCase(Locale.ROOT));
    return words == null ? new Said(text, null) : new Said(words + rest, type);
  }

  /**
   * A refused scan in the words of the floor. GS1 syntax errors ({@code gs1-*}: "expected an AI at
   * position 0") become "This barcode could not be read: …", a scan that names no unit says what it
   * lacks; the service's own sentence stays as the standard detail. Other refusals are already said
   * for people and pass unchanged.
   */
  static Said refusal(Problem p) {
    String code = p.code() == null ? "" : p.code();
    if (code.startsWith("gs1-")) {
      String reason = GS1_REASONS.getOrDefault(code.substring(4), "it is not valid GS1 data");
      return new Said(UNREADABLE + ": " + reason + ".", p.getMessage());
    }
    if ("scan-not-a-unit".equals(code)) {
      return new Said(
          "This barcode does not name one unit: it needs the product number (GTIN) and the serial"
              + " number.",
          p.getMessage());
    }
    return new Said(p.getMessage(), null);
  }

  private static Said said(String cbv, Map<String, String> words, String kind) {
    if (cbv == null || cbv.isBlank()) {
      return new Said(cbv, null);
    }
    String term = shortName(cbv.strip());
    String plain = words.get(term);
    return plain == null
        ? new Said(term.replace('_', ' '), "CBV " + kind + " " + term)
        : new Said(plain, "CBV " + kind + " " + term);
  }

  /**
   * {@code urn:epcglobal:cbv:disp:in_transit} and {@code https://ref.gs1.org/cbv/Disp-in_transit}
   * both name {@code in_transit}.
   */
  private static String shortName(String cbv) {
    String term = cbv.substring(cbv.lastIndexOf(':') + 1);
    term = term.substring(term.lastIndexOf('/') + 1);
    int dash = term.indexOf('-');
    return (dash > 0 && Character.isUpperCase(term.charAt(0)) ? term.substring(dash + 1) : term)
        .toLowerCase(Locale.ROOT);
  }
}
