package io.unitrace.ui;

import io.unitrace.catalog.CatalogInput;
import io.unitrace.gs1.Gtin;
import io.unitrace.ledger.Adjustment;
import io.unitrace.ledger.EventReceipt;
import io.unitrace.ledger.Hold;
import io.unitrace.ledger.RequestMeta;
import io.unitrace.ledger.UnitBook;
import io.unitrace.ledger.UnitRef;
import io.unitrace.ledger.UnitState;
import io.unitrace.ledger.Units;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What a supervisor does to one unit from its card: place a hold or release one, move it, report it
 * lost or found. Each form is a plain post through {@link UnitBook}, the same command the API runs,
 * with an Idempotency-Key made when the card was drawn, so a double tap records once. The answer is
 * the card again, with "done" or the refusal in the ledger's words on top and the new event at the
 * head of its history. The forms a person sees follow the book's own rules: anyone who may write
 * for the client places a hold or moves a unit; releasing a hold and lost or found are a
 * supervisor's.
 */
@Controller
class UnitActions {

  /** The forms the card shows, and the key each form carries ({@code key-hold}, …). */
  record Allowed(
      boolean writes,
      boolean supervises,
      boolean movable,
      boolean missing,
      List<Hold> placeable,
      List<Hold> releasable,
      String key) {}

  /** What an action came to: {@code ok} false for a refusal. */
  record Answer(boolean ok, String title, String message, String rule) {}

  private final ClientChoice clients;
  private final Lookup lookup;
  private final UnitBook book;

  UnitActions(ClientChoice clients, Lookup lookup, UnitBook book) {
    this.clients = clients;
    this.lookup = lookup;
    this.book = book;
  }

  /** The forms for {@code unit} as {@code scope}'s person may use them. */
  static Allowed allowed(TenantScope scope, Units.UnitView unit) {
    boolean writes = scope.actor().mayWrite(scope.tenantId());
    boolean supervises = writes && scope.actor().role().atLeast(Role.SUPERVISOR);
    UnitState state = unit.state();
    return new Allowed(
        writes,
        supervises,
        state.inBuilding(),
        state == UnitState.MISSING,
        Arrays.stream(Hold.values()).filter(h -> !unit.holds().contains(h)).toList(),
        unit.holds(),
        "ui-" + UUID.randomUUID());
  }

  /** A reload of an action's answer lands on the lookup. */
  @GetMapping({"/units/hold", "/units/release", "/units/move", "/units/lost", "/units/found"})
  String asPage() {
    return "redirect:/units/lookup";
  }

  @PostMapping("/units/hold")
  String hold(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam String gtin,
      @RequestParam String serial,
      @RequestParam(required = false) String hold,
      @RequestParam(required = false) String reason,
      @RequestParam(required = false) String key) {
    return act(
        request,
        response,
        model,
        gtin,
        serial,
        (scope, ref) -> {
          Hold h = hold(hold);
          EventReceipt r =
              book.placeHold(scope, ref, h, PickPage.strip(reason), RequestMeta.of(key(key)));
          return done(r, h + " hold placed", "The unit cannot be allocated, picked or shipped.");
        });
  }

  @PostMapping("/units/release")
  String release(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam String gtin,
      @RequestParam String serial,
      @RequestParam(required = false) String hold,
      @RequestParam(required = false) String reason,
      @RequestParam(required = false) String key) {
    return act(
        request,
        response,
        model,
        gtin,
        serial,
        (scope, ref) -> {
          Hold h = hold(hold);
          EventReceipt r =
              book.releaseHold(scope, ref, h, PickPage.strip(reason), RequestMeta.of(key(key)));
          return done(r, h + " hold released", "Recorded with the reason given.");
        });
  }

  @PostMapping("/units/move")
  String move(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam String gtin,
      @RequestParam String serial,
      @RequestParam(required = false) String location,
      @RequestParam(required = false) String key) {
    return act(
        request,
        response,
        model,
        gtin,
        serial,
        (scope, ref) -> {
          EventReceipt r =
              book.move(scope, ref, PickPage.strip(location), RequestMeta.of(key(key)));
          return done(r, "Moved to " + where(r), "The unit is at its new location.");
        });
  }

  @PostMapping("/units/lost")
  String lost(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam String gtin,
      @RequestParam String serial,
      @RequestParam(required = false) String reason,
      @RequestParam(required = false) String key) {
    return act(
        request,
        response,
        model,
        gtin,
        serial,
        (scope, ref) -> {
          EventReceipt r =
              book.adjust(
                  scope,
                  ref,
                  Adjustment.LOST,
                  PickPage.strip(reason),
                  null,
                  RequestMeta.of(key(key)));
          return done(
              r, "Reported lost", "The unit is MISSING until it is found; it is out of stock.");
        });
  }

  @PostMapping("/units/found")
  String found(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam String gtin,
      @RequestParam String serial,
      @RequestParam(required = false) String location,
      @RequestParam(required = false) String reason,
      @RequestParam(required = false) String key) {
    return act(
        request,
        response,
        model,
        gtin,
        serial,
        (scope, ref) -> {
          EventReceipt r =
              book.adjust(
                  scope,
                  ref,
                  Adjustment.FOUND,
                  PickPage.strip(reason),
                  PickPage.strip(location),
                  RequestMeta.of(key(key)));
          return done(r, "Found at " + where(r), "The unit is back in stock where it was found.");
        });
  }

  private interface Action {
    Answer apply(TenantScope scope, UnitRef ref);
  }

  /** Runs the action on the unit, then draws its card afresh with the answer on top. */
  private String act(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      String gtin,
      String serial,
      Action action) {
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked()) {
      return "redirect:/units/lookup";
    }
    TenantScope scope = choice.scope();
    Answer answer;
    try {
      answer = action.apply(scope, ref(gtin, serial));
    } catch (Problem p) {
      response.setStatus(p.status());
      answer = refused(p);
    }
    model.addAttribute("answer", answer);
    UnitLookup.show(lookup.unit(scope, gtin, serial), scope, model);
    return "units/lookup";
  }

  static Answer refused(Problem p) {
    Object rule = p.extras().get("rule");
    return new Answer(
        false,
        "Refused: " + title(p),
        p.getMessage(),
        rule == null ? null : rule.toString().replace('-', ' '));
  }

  private static String title(Problem p) {
    if (p.status() == 403) {
      return "not allowed for you";
    }
    if ("invalid-field".equals(p.code()) && p.field() != null) {
      return p.field() + " missing or wrong";
    }
    return p.code().replace('-', ' ');
  }

  private static Answer done(EventReceipt r, String title, String message) {
    return new Answer(
        true,
        "Done: " + title,
        r.repeated()
            ? "The same form again: this is its first answer, nothing new recorded."
            : message,
        null);
  }

  private static String where(EventReceipt r) {
    return r.units().isEmpty() ? "" : r.units().get(0).location();
  }

  private static UnitRef ref(String gtin, String serial) {
    try {
      return new UnitRef(Gtin.parse(gtin), CatalogInput.serial("serial", serial));
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("invalid-field", "gtin", e.getMessage());
    }
  }

  static Hold hold(String name) {
    if (name == null || name.isBlank()) {
      return null; // the book names the kinds
    }
    try {
      return Hold.valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest(
          "invalid-field", "hold", "hold is one of " + Arrays.toString(Hold.values()));
    }
  }

  /** A form without its key still records once per post: the book makes one. */
  static String key(String key) {
    return PickPage.strip(key);
  }
}
