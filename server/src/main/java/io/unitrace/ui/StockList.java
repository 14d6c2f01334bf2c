package io.unitrace.ui;

import io.unitrace.catalog.Catalog;
import io.unitrace.catalog.Product;
import io.unitrace.facility.LocationType;
import io.unitrace.ledger.Units;
import io.unitrace.shared.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Stock in the building by location, product and lot, filtered by SKU and location (with its
 * sub-locations). Each line says why what is not available is not ({@link StockReasons}); a line of
 * counted goods (by lot, or untracked) links to its actions ({@link StockActions}) for those who
 * may write.
 */
@Controller
class StockList {

  static final int PAGE = 100;

  /**
   * A line as the page shows it: the figures, why some are not available, and whether it is counted
   * goods a person may act on (not goods on their way by a transfer: those only arrive).
   */
  record Row(Units.StockLine line, String why, boolean counted) {}

  private final ClientChoice clients;
  private final Units units;
  private final Catalog catalog;

  StockList(ClientChoice clients, Units units, Catalog catalog) {
    this.clients = clients;
    this.units = units;
    this.catalog = catalog;
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
    model.addAttribute("writes", choice.actor().mayWrite(choice.scope().tenantId()));
    try {
      Units.StockPage page =
          units.stock(
              choice.scope(),
              new Units.StockFilter(skuFilter, null, locationFilter, null),
              blankToNull(cursor),
              PAGE);
      model.addAttribute("stock", page);
      model.addAttribute("rows", rows(choice.scope().tenantId(), page.items()));
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

  private List<Row> rows(long tenantId, List<Units.StockLine> lines) {
    Map<String, Product> products =
        catalog.bySkus(tenantId, lines.stream().map(Units.StockLine::sku).toList());
    return lines.stream()
        .map(
            l -> {
              Product p = products.get(l.sku());
              return new Row(
                  l,
                  StockReasons.of(l),
                  p != null
                      && !p.tracking().serialized()
                      && !LocationType.TRANSIT.name().equals(l.locationType()));
            })
        .toList();
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
