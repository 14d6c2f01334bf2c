package io.unitrace.ui;

import io.unitrace.shared.Problem;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.BiConsumer;

/**
 * The answers of the transfer screens, in receiving's colours: what went through is quiet, a
 * refusal loud with a headline in the words of the dock, the service's sentence below it and the
 * standard term (a GS1 syntax error's) behind "Technical detail". The refusal itself goes to the
 * model as {@code refusal}, so the page marks the field or line it names.
 */
final class TransferAnswers {

  /** {@code outcome} names the colour ({@code RECEIVED}, {@code REFUSED}). */
  record Answer(String outcome, String title, String message, String hint, boolean loud) {

    public String css() {
      return "outcome-" + outcome;
    }
  }

  private TransferAnswers() {}

  static Answer done(String outcome, String title, String message) {
    return new Answer(outcome, title, message, null, false);
  }

  /**
   * The refusal into the page's model ({@code model::addAttribute}) and the response's status;
   * nothing was written.
   */
  static void refuse(HttpServletResponse response, BiConsumer<String, Object> model, Problem p) {
    response.setStatus(p.status());
    WarehouseWords.Said said = WarehouseWords.refusal(p);
    model.accept("refusal", p);
    model.accept("standard", said.standard());
    model.accept(
        "answer",
        new Answer(
            "already-arrived".equals(p.code()) ? "REPEAT" : "REFUSED",
            title(p),
            said.plain(),
            hint(p),
            true));
  }

  /**
   * The refusal with the transfer's key for what was scanned ({@code "09506000134352/SN1"}) said as
   * the screen names it ("Unit SN1"); other refusals pass unchanged.
   */
  static Problem naming(Problem p, String key, String words) {
    String m = p.getMessage();
    if (m == null || key == null || !m.contains(key)) {
      return p;
    }
    String said = m.replace(key, words);
    Problem named =
        new Problem(
            p.status(),
            p.code(),
            p.field(),
            Character.toUpperCase(said.charAt(0)) + said.substring(1));
    p.extras().forEach(named::with);
    return named;
  }

  static String title(Problem p) {
    String code = p.code() == null ? "" : p.code();
    if (code.startsWith("gs1-") || "scan-not-a-unit".equals(code)) {
      return "Scan refused";
    }
    return switch (code) {
      case "not-on-transfer" -> "Not on this transfer";
      case "already-arrived" -> "Arrived already";
      case "more-than-on-the-way" -> "More than is on its way";
      case "transfer-received" -> "Everything has arrived";
      case "transfer-closed" -> "Closed short";
      case "another-warehouse" -> "Another warehouse";
      case "not-a-dock" -> "Not a dock";
      case "same-warehouse" -> "Same warehouse";
      case "unknown-warehouse" -> "Unknown warehouse";
      case "unknown-location" -> "Unknown location";
      case "unknown-unit" -> "Unknown unit";
      case "unknown-container" -> "Unknown container";
      case "several-units" -> "Several units";
      case "unknown-sku", "unknown-gtin" -> "Unknown product";
      case "insufficient-stock" -> "Not enough there";
      case "already-on-load" -> "On the load already";
      case "forbidden" -> "Not allowed";
      default -> "quantity".equals(p.field()) ? "Qty refused" : "Refused";
    };
  }

  private static String hint(Problem p) {
    return switch (p.code() == null ? "" : p.code()) {
      case "not-on-transfer" -> "Set it aside: it did not come with this transfer.";
      case "already-arrived" -> "Nothing recorded again: it arrived with an earlier scan.";
      case "more-than-on-the-way" ->
          "Type " + p.extras().get("onTheWay") + " or less, or count the goods again.";
      case "not-a-dock" -> "Pick a dock of the warehouse the goods go to.";
      case "another-warehouse" ->
          "dock".equals(p.field())
              ? "Pick a dock of the warehouse the goods go to."
              : "Take it off the load: it is not in the warehouse the transfer leaves from.";
      default -> null;
    };
  }
}
