package io.unitrace.ui;

import io.unitrace.counting.Counts;
import io.unitrace.shared.CursorPage;
import io.unitrace.shared.Problem;
import io.unitrace.tenancy.TenantScope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The supervisor's review of cycle counts, for the office: the client's counts with their status
 * and how many locations are closed; a count's page with what the books held and what was counted
 * in each location, every discrepancy named with the correction it proposes, the locations waiting
 * for a recount by another counter, and the decision: approve (the corrections are written through
 * the ledger; the page then shows which were written, skipped because the floor overtook them, or
 * left for a person) or reject with a reason (nothing written). Every read and decision goes
 * through {@link Counts}, which asks for a SUPERVISOR; a refusal is shown with the count as it is.
 */
@Controller
class CountReviewPage {

  /** What a decision came to: {@code ok} false for a refusal. */
  record Answer(boolean ok, String title, String message) {}

  /** A count in the list, with its locations closed when it is open (null otherwise). */
  record Row(Counts.CountView count, Integer closed, Integer locations) {}

  /** A location with the discrepancies it found. */
  record Place(Counts.LocationView location, List<Line> discrepancies) {}

  /** A discrepancy and, in the supervisor's words, the correction it proposes. */
  record Line(Counts.DiscrepancyView d, String proposed) {}

  /** What approval did with the corrections, by outcome. */
  record Settled(long applied, long skipped, long review) {}

  private static final int PAGE = 25;

  private final ClientChoice clients;
  private final Counts counts;

  CountReviewPage(ClientChoice clients, Counts counts) {
    this.clients = clients;
    this.counts = counts;
  }

  @GetMapping("/counts/review")
  String list(
      HttpServletRequest request, Model model, @RequestParam(required = false) String cursor) {
    ClientChoice.Choice choice = clients.of(request);
    if (choice.picked()) {
      TenantScope scope = choice.scope();
      CursorPage<Counts.CountView> page = counts.list(scope, PickPage.strip(cursor), PAGE);
      List<Row> rows = new ArrayList<>();
      for (Counts.CountView c : page.items()) {
        if (c.status().equals("OPEN")) {
          Counts.TaskView t = counts.task(scope, c.id());
          int closed = (int) t.locations().stream().filter(l -> !l.status().equals("OPEN")).count();
          rows.add(new Row(c, closed, t.locations().size()));
        } else {
          rows.add(new Row(c, null, null));
        }
      }
      model.addAttribute("rows", rows);
      model.addAttribute("next", page.next());
    }
    return "counts/review";
  }

  @GetMapping("/counts/review/{id}")
  String count(HttpServletRequest request, Model model, @PathVariable long id) {
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked()) {
      return "counts/review";
    }
    return shown(model, counts.view(choice.scope(), id), null);
  }

  @GetMapping({"/counts/review/{id}/approve", "/counts/review/{id}/reject"})
  String decisionAsPage(@PathVariable long id) {
    return "redirect:/counts/review/" + id;
  }

  @PostMapping("/counts/review/{id}/approve")
  String approve(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable long id,
      @RequestParam(required = false) String reason) {
    return decide(
        request,
        response,
        model,
        id,
        scope -> {
          Counts.CountView c = counts.approve(scope, id, PickPage.strip(reason));
          Settled s = settled(c);
          return new Answer(
              true,
              c.number() + " approved",
              s.applied()
                  + (s.applied() == 1 ? " correction" : " corrections")
                  + " written to the ledger, "
                  + s.skipped()
                  + " skipped (the floor changed them since the count), "
                  + s.review()
                  + " left for a person.");
        });
  }

  @PostMapping("/counts/review/{id}/reject")
  String reject(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      @PathVariable long id,
      @RequestParam(required = false) String reason) {
    return decide(
        request,
        response,
        model,
        id,
        scope -> {
          Counts.CountView c = counts.reject(scope, id, reason);
          return new Answer(
              true, c.number() + " rejected", "Nothing was written to the ledger: " + reason + ".");
        });
  }

  private String decide(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      long id,
      Function<TenantScope, Answer> decision) {
    ClientChoice.Choice choice = clients.of(request);
    if (!choice.picked()) {
      return "redirect:/counts/review";
    }
    TenantScope scope = choice.scope();
    Answer answer;
    try {
      answer = decision.apply(scope);
    } catch (Problem p) {
      response.setStatus(p.status());
      model.addAttribute("refusal", p);
      answer = new Answer(false, "Refused: " + p.code().replace('-', ' '), p.getMessage());
    }
    return shown(model, counts.view(scope, id), answer);
  }

  private static String shown(Model model, Counts.CountView c, Answer answer) {
    Map<String, List<Line>> found = new LinkedHashMap<>();
    c.discrepancies()
        .forEach(
            d ->
                found
                    .computeIfAbsent(d.location(), k -> new ArrayList<>())
                    .add(new Line(d, correction(d.correction()))));
    List<Place> places = new ArrayList<>();
    for (Counts.LocationView l : c.locations()) {
      places.add(new Place(l, found.getOrDefault(l.location(), List.of())));
    }
    model.addAttribute("count", c);
    model.addAttribute("places", places);
    model.addAttribute(
        "recount", c.locations().stream().filter(l -> l.status().equals("RECOUNT")).toList());
    model.addAttribute(
        "open", c.locations().stream().filter(l -> l.status().equals("OPEN")).toList());
    model.addAttribute("settled", settled(c));
    model.addAttribute("answer", answer);
    return "counts/count";
  }

  private static Settled settled(Counts.CountView c) {
    long applied = 0;
    long skipped = 0;
    long review = 0;
    for (Counts.DiscrepancyView d : c.discrepancies()) {
      if ("APPLIED".equals(d.outcome())) {
        applied++;
      } else if ("SKIPPED".equals(d.outcome())) {
        skipped++;
      } else if ("REVIEW".equals(d.outcome())) {
        review++;
      }
    }
    return new Settled(applied, skipped, review);
  }

  /** A correction in the supervisor's words. */
  private static String correction(String code) {
    return switch (code) {
      case "LOSE_UNIT" -> "Book the unit lost (MISSING)";
      case "MOVE_HERE" -> "Move the unit here";
      case "FIND_UNIT" -> "Book the unit found here";
      case "ADJUST_STOCK" -> "Adjust the quantity here";
      case "CORRECT_LOT" -> "Move the quantity to the lot found";
      case "REVIEW" -> "Nothing written: for a person to look into";
      default -> code;
    };
  }
}
