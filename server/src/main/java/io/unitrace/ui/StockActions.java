package io.unitrace.ui;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Product;
import io.unitrace.ledger.Adjustment;
import io.unitrace.ledger.EventReceipt;
import io.unitrace.ledger.Hold;
import io.unitrace.ledger.RequestMeta;
import io.unitrace.ledger.StockBook;
import io.unitrace.ledger.Units;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.Role;
import io.unitrace.tenancy.TenantScope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Actions on counted goods (by lot, or untracked) at one location: move a quantity, place or
 * release a hold on a quantity, correct the count (found or lost). Each is a plain post through
 * {@link StockBook}, the commands the stock API runs, with an Idempotency-Key made when the page
 * was drawn, so a double tap records once; the answer is the page again with the line's figures as
 * they now stand. Anyone who may write for the client moves and holds; releasing and correcting are
 * a supervisor's, as the book decides.
 */
@Controller
class StockActions {

  /** The goods the page is about, as typed or linked from the stock list. */
  record Goods(String sku, String lot, String location) {

    public boolean named() {
      return sku != null && location != null;
    }
  }

  private final ClientChoice clients;
  private final Units units;
  private final Catalog catalog;
  private final StockBook book;

  StockActions(ClientChoice clients, Units units, Catalog catalog, StockBook book) {
    this.clients = clients;
    this.units = units;
    this.catalog = catalog;
    this.book = book;
  }

  @GetMapping("/stock/act")
  String page(
      HttpServletRequest request,
      Model model,
      @RequestParam(required = false) String sku,
      @RequestParam(required = false) String lot,
      @RequestParam(required = false) String location) {
    ClientChoice.Choice choice = clients.of(request);
    if (choice.picked()) {
      draw(model, choice.scope(), goods(sku, lot, location));
    }
    return "stock/act";
  }

  @GetMapping("/stock/act/{action}")
  String asPage() {
    return "redirect:/stock/act";
  }

  @PostMapping("/stock/act/{action}")
  String act(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable String action,
      @RequestParam(required = false) String sku,
      @RequestParam(required = false) String lot,
      @RequestParam(required = false) String location,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String quantity,
      @RequestParam(required = false) String hold,
      @RequestParam(required = false) String bucket,
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) String expiry,
      @RequestParam(required = false) String reason,
      @RequestParam(required = false) String key) {
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked()) {
      return "redirect:/stock/act";
    }
    TenantScope scope = choice.scope();
    Goods goods = goods(sku, lot, location);
    UnitActions.Answer answer;
    try {
      String gtin = gtin(catalog, scope, goods.sku());
      RequestMeta meta = RequestMeta.of(UnitActions.key(key));
      String why = PickPage.strip(reason);
      answer =
          switch (action) {
            case "move" -> {
              long q = quantity(quantity);
              EventReceipt r =
                  book.move(
                      scope,
                      new StockBook.StockMove(
                          gtin,
                          goods.lot(),
                          goods.location(),
                          PickPage.strip(to),
                          q,
                          holds(bucket)),
                      meta);
              yield done(r, "Moved " + q + " to " + PickPage.strip(to), "Both locations updated.");
            }
            case "hold" -> {
              Hold h = UnitActions.hold(hold);
              long q = quantity(quantity);
              EventReceipt r =
                  book.placeHold(
                      scope,
                      new StockBook.StockHold(gtin, goods.lot(), goods.location(), q, h, null, why),
                      meta);
              yield done(r, q + " put on " + h + " hold", "Held stock is not available.");
            }
            case "release" -> {
              Hold h = UnitActions.hold(hold);
              long q = quantity(quantity);
              EventReceipt r =
                  book.releaseHold(
                      scope,
                      new StockBook.StockHold(gtin, goods.lot(), goods.location(), q, h, null, why),
                      meta);
              yield done(r, q + " released from " + h + " hold", "Recorded with the reason.");
            }
            case "adjust" -> {
              Adjustment k = kind(kind);
              long q = quantity(quantity);
              EventReceipt r =
                  book.adjust(
                      scope,
                      new StockBook.StockAdjustment(
                          gtin, goods.lot(), date(expiry), goods.location(), k, q, why),
                      meta);
              yield done(
                  r,
                  k == Adjustment.FOUND ? q + " found" : q + " reported lost",
                  "The count at " + goods.location() + " is corrected.");
            }
            default -> throw Problem.notFound("unknown-action", "no stock action " + action);
          };
    } catch (Problem p) {
      response.setStatus(p.status());
      answer = UnitActions.refused(p);
      model.addAttribute("refusal", p);
    }
    model.addAttribute("answer", answer);
    draw(model, scope, goods);
    return "stock/act";
  }

  private void draw(Model model, TenantScope scope, Goods goods) {
    boolean writes = scope.actor().mayWrite(scope.tenantId());
    model.addAttribute("goods", goods);
    model.addAttribute("writes", writes);
    model.addAttribute("supervises", writes && scope.actor().role().atLeast(Role.SUPERVISOR));
    model.addAttribute("holdKinds", List.of(Hold.values()));
    model.addAttribute("key", "ui-" + UUID.randomUUID());
    if (goods.named()) {
      try {
        List<StockList.Row> lines =
            units
                .stock(
                    scope,
                    new Units.StockFilter(goods.sku(), goods.lot(), goods.location(), null),
                    null,
                    StockList.PAGE)
                .items()
                .stream()
                .filter(l -> l.location().equals(goods.location()))
                .map(l -> new StockList.Row(l, StockReasons.of(l), true))
                .toList();
        model.addAttribute("lines", lines);
      } catch (Problem p) {
        // An unknown location typed: the action's answer (or the page) names it.
        model.addAttribute("lines", List.of());
      }
    }
  }

  private static Goods goods(String sku, String lot, String location) {
    return new Goods(PickPage.strip(sku), PickPage.strip(lot), PickPage.strip(location));
  }

  /**
   * The GTIN the stock book names the product by; counted goods only (the transfer screen names
   * them so too).
   */
  static String gtin(Catalog catalog, TenantScope scope, String sku) {
    if (sku == null) {
      throw Problem.badRequest("invalid-field", "sku", "name the product by its SKU");
    }
    Product p =
        catalog
            .bySku(scope.tenantId(), sku)
            .orElseThrow(
                () ->
                    Problem.unprocessable(
                        "unknown-sku",
                        "sku",
                        "client " + scope.tenantCode() + " has no SKU " + sku));
    if (p.tracking().serialized()) {
      throw Problem.unprocessable(
          "serialized",
          "sku",
          sku + " is tracked by serial: act on each unit from its card (Lookup)");
    }
    if (p.gtins().isEmpty()) {
      throw Problem.unprocessable(
          "no-gtin", "sku", sku + " has no GTIN yet: the ledger names goods by GTIN");
    }
    return p.gtins().get(0).value();
  }

  private static long quantity(String text) {
    String q = PickPage.strip(text);
    if (q == null) {
      throw Problem.badRequest("invalid-field", "quantity", "name the quantity");
    }
    try {
      return Long.parseLong(q);
    } catch (NumberFormatException e) {
      throw Problem.badRequest(
          "invalid-field", "quantity", "a quantity is a whole number, not “" + q + "”");
    }
  }

  private static Set<Hold> holds(String bucket) {
    Hold h = UnitActions.hold(bucket);
    return h == null ? Set.of() : Set.of(h);
  }

  private static Adjustment kind(String text) {
    String k = PickPage.strip(text);
    if (k == null) {
      return null; // the book names the kinds
    }
    try {
      return Adjustment.valueOf(k.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("invalid-field", "kind", "kind is FOUND or LOST");
    }
  }

  private static LocalDate date(String text) {
    String d = PickPage.strip(text);
    if (d == null) {
      return null;
    }
    try {
      return LocalDate.parse(d);
    } catch (DateTimeParseException e) {
      throw Problem.badRequest("invalid-field", "expiry", "an expiry date is YYYY-MM-DD");
    }
  }

  private static UnitActions.Answer done(EventReceipt r, String title, String message) {
    return new UnitActions.Answer(
        true,
        "Done: " + title,
        r.repeated()
            ? "The same form again: this is its first answer, nothing new recorded."
            : message,
        null);
  }
}
