package io.unitrace.ui;

import io.unitrace.ledger.Units;
import io.unitrace.shared.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Stock in the building by location, product and lot, filtered by SKU and location (with its
 * sub-locations).
 */
@Controller
class StockList {

  static final int PAGE = 100;

  private final ClientChoice clients;
  private final Units units;

  StockList(ClientChoice clients, Units units) {
    this.clients = clients;
    this.units = units;
  }

  @GetMapping("/stock")
  String stock(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @RequestParam(required = false) String sku,
      @RequestParam(required = false) String location,
      @RequestParam(required = false) String cursor) {
    String skuFilter = blankToNull(sku);
    String locationFilter = blankToNull(location);
    model.addAttribute("sku", skuFilter);
    model.addAttribute("location", locationFilter);
    model.addAttribute("paged", blankToNull(cursor) != null);
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked()) {
      return "stock";
    }
    try {
      model.addAttribute(
          "stock",
          units.stock(
              choice.scope(),
              new Units.StockFilter(skuFilter, null, locationFilter, null),
              blankToNull(cursor),
              PAGE));
    } catch (Problem p) {
      if (p.status() != 400 || p.field() == null) {
        throw p;
      }
      // A filter the person typed wrong (an unknown location): say so next to the field, keep the
      // form.
      model.addAttribute("refusal", p);
      response.setStatus(p.status());
    }
    return "stock";
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
