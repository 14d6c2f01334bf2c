package io.unitrace.ui;

import io.unitrace.ledger.Hold;
import io.unitrace.ledger.Units;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * One unit as the lookup shows it: what it is and where it is now, and its history newest first (on
 * a handheld the latest event matters most). Times of events keep the zone offset they were
 * recorded with on the floor; times the server kept are shown in UTC.
 */
record UnitCard(
    Units.UnitView unit,
    String registered,
    String updated,
    List<Moment> history,
    boolean historyCut) {

  /** One event of the timeline, ready to print. */
  record Moment(
      String type,
      String label,
      String time,
      String isoTime,
      String recorded,
      String who,
      String location,
      String readPoint,
      String container,
      String device,
      String scan,
      String bizStep,
      String disposition,
      String state,
      List<String> holds,
      List<Fact> facts,
      String hash) {}

  record Fact(String name, String value) {}

  private static final Set<String> REPEATS_LOCATION = Set.of("to", "at");
  private static final DateTimeFormatter FLOOR_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", Locale.ROOT);
  private static final DateTimeFormatter SERVER_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  static UnitCard of(Units.UnitView unit, List<Units.HistoryEntry> oldestFirst, boolean cut) {
    List<Moment> moments = new ArrayList<>(oldestFirst.size());
    for (int i = oldestFirst.size() - 1; i >= 0; i--) {
      moments.add(moment(oldestFirst.get(i)));
    }
    return new UnitCard(
        unit, serverTime(unit.registeredAt()), serverTime(unit.updatedAt()), moments, cut);
  }

  private static Moment moment(Units.HistoryEntry e) {
    String readPoint =
        e.readPoint() != null && !e.readPoint().equals(e.location()) ? e.readPoint() : null;
    List<Fact> facts = new ArrayList<>();
    facts(e.details(), e.location(), facts);
    transactions(e.bizTransactions(), facts);
    return new Moment(
        e.type().name().toLowerCase(Locale.ROOT),
        label(e.type().name()),
        FLOOR_TIME.format(e.eventTime()),
        e.eventTime().toString(),
        serverTime(e.recordedAt()),
        e.who(),
        e.location(),
        readPoint,
        e.container(),
        e.device(),
        Lookup.visible(e.scan()),
        e.bizStep(),
        e.disposition(),
        e.state().name(),
        e.holds().stream().map(Hold::name).toList(),
        facts,
        e.hash());
  }

  /** HOLD_PLACED reads "Hold placed". */
  static String label(String constant) {
    String words = constant.replace('_', ' ').toLowerCase(Locale.ROOT);
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  private static String serverTime(Instant instant) {
    return instant == null ? null : SERVER_TIME.format(instant);
  }

  /**
   * The event's details object as name/value lines; nested objects (fields set) on one line. A
   * location the details repeat ("to", "at") is left out when the timeline shows it already.
   */
  private static void facts(JsonNode details, String location, List<Fact> into) {
    if (details == null || !details.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> p : details.properties()) {
      JsonNode value = p.getValue();
      if (value.isNull()
          || (value.isString()
              && value.asString().equals(location)
              && REPEATS_LOCATION.contains(p.getKey()))) {
        continue;
      }
      into.add(new Fact(label(p.getKey()), text(p.getValue())));
    }
  }

  /** Business transactions ({@code [{"type":"po","id":"4711"}]}) as "PO 4711". */
  private static void transactions(JsonNode list, List<Fact> into) {
    if (list == null || !list.isArray()) {
      return;
    }
    for (JsonNode t : list) {
      into.add(
          new Fact(
              "Business transaction",
              (t.path("type").asString("").toUpperCase(Locale.ROOT)
                      + " "
                      + t.path("id").asString(""))
                  .strip()));
    }
  }

  private static String text(JsonNode value) {
    if (value.isString()) {
      return value.asString();
    }
    if (value.isBoolean()) {
      return value.booleanValue() ? "yes" : "no";
    }
    if (value.isObject()) {
      List<String> pairs = new ArrayList<>();
      for (Map.Entry<String, JsonNode> p : value.properties()) {
        pairs.add(p.getKey() + " = " + text(p.getValue()));
      }
      return String.join(", ", pairs);
    }
    return value.toString();
  }
}
