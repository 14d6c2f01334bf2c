package io.unitrace.ui;

import io.unitrace.catalog.Serial;
import io.unitrace.gs1.Gs1;
import io.unitrace.gs1.Gs1Data;
import io.unitrace.gs1.Gs1SyntaxException;
import io.unitrace.gs1.Gtin;
import io.unitrace.ledger.UnitRef;
import io.unitrace.ledger.Units;
import io.unitrace.shared.CursorPage;
import io.unitrace.tenancy.TenantScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Reads what was scanned or typed at the lookup and finds the units it names.
 *
 * <p>A scanner hands over GS1 data in many shapes (bracketed, raw with GS, behind an AIM prefix, a
 * Digital Link URI); a person types a serial or an IMEI. Input that announces itself as GS1 (a
 * bracket, an AIM prefix, a URI, a GS character) is read as GS1 only, and a syntax error is
 * reported with its code, AI and position. Anything else is first an identifier: a serial or any
 * custom field value. Only when no unit has it is it tried as a raw element string, which is what a
 * keyboard-wedge scanner sends when it drops the AIM prefix and the GS separators.
 */
@Component
class Lookup {

  /** Matches listed for the person to choose from; more means the scan was too vague. */
  static final int MAX_CHOICES = 20;

  /** Events shown on one card; the API pages through longer histories. */
  static final int MAX_EVENTS = 1000;

  private static final int HISTORY_PAGE = 500;

  sealed interface Outcome permits Found, Choices, NotFound, Unreadable {}

  record Found(UnitCard card) implements Outcome {}

  record Choices(String heading, List<Units.UnitView> units, boolean more) implements Outcome {}

  /** Nothing to show; {@code hint} (optional) says what else the input might have been. */
  record NotFound(String message, String hint) implements Outcome {}

  /**
   * GS1 data that breaks a rule. The input is cut at the position of the fault so the page can mark
   * it: {@code before}, {@code at} (empty when the data ended too early), {@code after}.
   */
  record Unreadable(
      String code, String ai, int position, String message, String before, String at, String after)
      implements Outcome {}

  private final Units units;

  Lookup(Units units) {
    this.units = units;
  }

  Outcome scan(TenantScope scope, String input) {
    String text = input.strip();
    if (announcesGs1(text)) {
      Gs1Data data;
      try {
        data = Gs1.parse(text);
      } catch (Gs1SyntaxException e) {
        return unreadable(text, e);
      }
      return byGs1(scope, data);
    }
    CursorPage<Units.UnitView> matches = byIdentifier(scope, text);
    if (!matches.items().isEmpty()) {
      return oneOrChoice(scope, matches, "Units with serial or identifier “" + text + "”");
    }
    String notFound = noSuchIdentifier(scope, text);
    if (!startsLikeAnElementString(text)) {
      return new NotFound(notFound, null);
    }
    Gs1Data data;
    try {
      data = Gs1.parse(text);
    } catch (Gs1SyntaxException e) {
      // Neither reading worked: say so for both, the person knows which one they meant.
      return new NotFound(
          notFound,
          "Read as GS1 data it is not valid either: " + e.getMessage() + " (" + e.code() + ").");
    }
    return byGs1(scope, data);
  }

  /** A unit named by the GTIN and serial of a link the UI made itself (a choice in a list). */
  Outcome unit(TenantScope scope, String gtinText, String serialText) {
    Gtin gtin;
    try {
      gtin = Gtin.parse(gtinText);
    } catch (IllegalArgumentException e) {
      return new NotFound("This link names no valid GTIN: " + e.getMessage() + ".", null);
    }
    Serial serial;
    try {
      serial = new Serial(serialText);
    } catch (IllegalArgumentException e) {
      return new NotFound("This link names no valid serial: " + e.getMessage() + ".", null);
    }
    return byRef(scope, new UnitRef(gtin, serial));
  }

  private Outcome byGs1(TenantScope scope, Gs1Data data) {
    if (data.form() == Gs1Data.Form.PLAIN) {
      // ]d1 / ]Q1 text that is not GS1: a serial or an asset tag printed as a plain DataMatrix or
      // QR code.
      String text = data.plainText().orElse("").strip();
      CursorPage<Units.UnitView> matches = byIdentifier(scope, text);
      return matches.items().isEmpty()
          ? new NotFound(noSuchIdentifier(scope, text), null)
          : oneOrChoice(scope, matches, "Units with serial or identifier “" + text + "”");
    }
    Optional<Gtin> gtin = data.gtin();
    Optional<String> serial = data.serial();
    if (gtin.isPresent() && serial.isPresent()) {
      return byRef(scope, new UnitRef(gtin.get(), new Serial(serial.get())));
    }
    if (data.sscc().isPresent()) {
      String sscc = data.sscc().get().value();
      CursorPage<Units.UnitView> inside =
          units.search(
              scope,
              new Units.Search(null, null, null, null, null, null, sscc, null, null),
              null,
              MAX_CHOICES);
      return inside.items().isEmpty()
          ? new NotFound(
              "Container " + sscc + " holds no unit of client " + scope.tenantCode() + ".", null)
          : new Choices("Units in container " + sscc, inside.items(), inside.next() != null);
    }
    if (gtin.isPresent() && data.lot().isPresent()) {
      String lot = data.lot().get();
      CursorPage<Units.UnitView> ofLot =
          units.search(
              scope,
              new Units.Search(null, gtin.get().value(), lot, null, null, null, null, null, null),
              null,
              MAX_CHOICES);
      return ofLot.items().isEmpty()
          ? new NotFound(
              "Client "
                  + scope.tenantCode()
                  + " has no unit of GTIN "
                  + gtin.get().value()
                  + " in lot "
                  + lot
                  + ".",
              null)
          : new Choices(
              "Units of GTIN " + gtin.get().value() + ", lot " + lot,
              ofLot.items(),
              ofLot.next() != null);
    }
    if (gtin.isPresent()) {
      return new NotFound(
          "GTIN " + gtin.get().value() + " names a product, not one unit.",
          "Scan the code that carries the serial number (AI 21), usually the 2D code.");
    }
    return new NotFound(
        "This code holds neither a GTIN with a serial nor an SSCC: " + data.toBracketed() + ".",
        null);
  }

  private Outcome byRef(TenantScope scope, UnitRef ref) {
    Optional<Units.UnitView> unit = units.find(scope, ref);
    if (unit.isEmpty()) {
      return new NotFound("Client " + scope.tenantCode() + " has no unit " + ref + ".", null);
    }
    List<Units.HistoryEntry> history = new ArrayList<>();
    String cursor = null;
    do {
      CursorPage<Units.HistoryEntry> page = units.history(scope, ref, cursor, HISTORY_PAGE);
      history.addAll(page.items());
      cursor = page.next();
    } while (cursor != null && history.size() < MAX_EVENTS);
    return new Found(UnitCard.of(unit.get(), history, cursor != null));
  }

  private CursorPage<Units.UnitView> byIdentifier(TenantScope scope, String text) {
    return units.search(
        scope,
        new Units.Search(null, null, null, null, null, null, null, null, text),
        null,
        MAX_CHOICES);
  }

  private Outcome oneOrChoice(
      TenantScope scope, CursorPage<Units.UnitView> matches, String heading) {
    if (matches.items().size() == 1) {
      Units.UnitView only = matches.items().get(0);
      return byRef(scope, new UnitRef(new Gtin(only.gtin()), new Serial(only.serial())));
    }
    return new Choices(heading, matches.items(), matches.next() != null);
  }

  /**
   * A bracket, an AIM symbology identifier, a URI or a GS separator: only GS1 data looks like that.
   * Serials are GS1 character set 82, which has no ']' and no backslash; one starting with '('
   * would be read as GS1 here, and can still be found by its GTIN and serial.
   */
  static boolean announcesGs1(String text) {
    if (text.isEmpty()) {
      return false;
    }
    char first = text.charAt(0);
    String lower = text.toLowerCase();
    return first == '('
        || first == ']'
        || lower.startsWith("http://")
        || lower.startsWith("https://")
        || text.indexOf('\u001d') >= 0
        || lower.contains("\\x1d");
  }

  /** What is said when no unit of the client has {@code text} as serial or identifier. */
  static String noSuchIdentifier(TenantScope scope, String text) {
    return "No unit of client "
        + scope.tenantCode()
        + " has the serial or identifier “"
        + visible(text)
        + "”.";
  }

  /** Raw element strings start with a numeric AI: two digits at least. */
  static boolean startsLikeAnElementString(String text) {
    return text.length() > 2
        && Character.isDigit(text.charAt(0))
        && Character.isDigit(text.charAt(1));
  }

  private static Unreadable unreadable(String text, Gs1SyntaxException e) {
    int at = Math.max(0, Math.min(e.position(), text.length()));
    String before = visible(text.substring(0, at));
    String mark = at < text.length() ? visible(text.substring(at, at + 1)) : "";
    String after = at < text.length() ? visible(text.substring(at + 1)) : "";
    return new Unreadable(e.code(), e.ai(), e.position(), e.getMessage(), before, mark, after);
  }

  /** The GS separator is invisible on screen; show its control picture instead. */
  static String visible(String text) {
    return text == null ? null : text.replace('\u001d', '\u241d');
  }
}
