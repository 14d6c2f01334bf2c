package io.unitrace.ledger;

import io.unitrace.facility.LocationType;
import io.unitrace.ledger.domain.UnitCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Writes a unit command into its ledger entry ({@code data}) and reads it back for replay and
 * history. Compact JSON with the command name in "c"; the text is covered by the entry's hash.
 */
@Component
class CommandCodec {

  private final ObjectMapper json;

  CommandCodec(ObjectMapper json) {
    this.json = json;
  }

  String encode(UnitCommand command) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (command instanceof UnitCommand.Register r) {
      m.put("c", "register");
      m.put("loc", r.location());
      m.put("type", r.type() == null ? null : r.type().name());
      if (r.container() != null) {
        m.put("container", r.container());
      }
      if (r.holds() != 0) {
        m.put("holds", r.holds());
      }
      if (!r.fields().isEmpty()) {
        m.put("fields", new TreeMap<>(r.fields()));
      }
    } else if (command instanceof UnitCommand.Move v) {
      m.put("c", "move");
      m.put("loc", v.location());
      m.put("type", v.type().name());
    } else if (command instanceof UnitCommand.Carry v) {
      m.put("c", "carry");
      m.put("loc", v.location());
      m.put("type", v.type().name());
    } else if (command instanceof UnitCommand.Pack v) {
      m.put("c", "pack");
      m.put("container", v.container());
      m.put("loc", v.location());
    } else if (command instanceof UnitCommand.Unpack) {
      m.put("c", "unpack");
    } else if (command instanceof UnitCommand.PlaceHold v) {
      m.put("c", "hold");
      m.put("hold", v.hold().name());
    } else if (command instanceof UnitCommand.ReleaseHold v) {
      m.put("c", "release");
      m.put("hold", v.hold().name());
    } else if (command instanceof UnitCommand.Lose) {
      m.put("c", "lose");
    } else if (command instanceof UnitCommand.Find v) {
      m.put("c", "find");
      m.put("loc", v.location());
      m.put("type", v.type().name());
    } else if (command instanceof UnitCommand.SetFields v) {
      m.put("c", "fields");
      m.put("fields", new TreeMap<>(v.fields()));
    } else if (command instanceof UnitCommand.Receive v) {
      m.put("c", "receive");
      m.put("loc", v.location());
      m.put("type", v.type().name());
      if (v.container() != null) {
        m.put("container", v.container());
      }
      if (v.holds() != 0) {
        m.put("holds", v.holds());
      }
    } else if (command instanceof UnitCommand.Observe v) {
      m.put("c", "observe");
      m.put("loc", v.location());
    } else if (command instanceof UnitCommand.Allocate) {
      m.put("c", "allocate");
    } else if (command instanceof UnitCommand.Deallocate) {
      m.put("c", "deallocate");
    } else if (command instanceof UnitCommand.Pick v) {
      m.put("c", "pick");
      m.put("loc", v.location());
      m.put("type", v.type().name());
      if (v.substitute()) {
        m.put("substitute", true);
      }
    } else if (command instanceof UnitCommand.Dispatch v) {
      m.put("c", "dispatch");
      m.put("warehouse", v.warehouse());
      if (v.packed()) {
        m.put("packed", true);
      }
    } else if (command instanceof UnitCommand.Arrive v) {
      m.put("c", "arrive");
      m.put("loc", v.location());
      m.put("type", v.type().name());
    } else if (command instanceof UnitCommand.LoseOnTheWay) {
      m.put("c", "lose-on-the-way");
    } else if (command instanceof UnitCommand.Ship v) {
      m.put("c", "ship");
      m.put("sale", new TreeMap<>(v.sale()));
    } else if (command instanceof UnitCommand.Return v) {
      m.put("c", "return");
      m.put("loc", v.location());
      m.put("type", v.type().name());
      if (v.holds() != 0) {
        m.put("holds", v.holds());
      }
    } else if (command instanceof UnitCommand.Inspect v) {
      m.put("c", "inspect");
      m.put("condition", v.condition());
    } else if (command instanceof UnitCommand.Route v) {
      m.put("c", "route");
      m.put("to", v.to().name());
      m.put("loc", v.location());
      m.put("type", v.type() == null ? null : v.type().name());
    } else if (command instanceof UnitCommand.Dispose v) {
      m.put("c", "dispose");
      m.put("to", v.to().name());
    } else if (command instanceof UnitCommand.Note v) {
      m.put("c", "note");
      m.put("note", new TreeMap<>(v.note()));
    } else if (command instanceof UnitCommand.Consume v) {
      m.put("c", "consume");
      m.put("into", v.into());
    } else if (command instanceof UnitCommand.Recover v) {
      m.put("c", "recover");
      m.put("from", v.from());
      m.put("loc", v.location());
      m.put("type", v.type().name());
    } else if (command instanceof UnitCommand.Build v) {
      m.put("c", v.disassembly() ? "disassemble" : "assemble");
    }
    return json.writeValueAsString(m);
  }

  UnitCommand decode(String text) {
    JsonNode n = json.readTree(text);
    String c = n.path("c").asString();
    return switch (c) {
      case "register" ->
          new UnitCommand.Register(
              n.path("loc").isNull() || n.path("loc").isMissingNode()
                  ? null
                  : n.path("loc").asLong(),
              n.path("type").isNull() || n.path("type").isMissingNode()
                  ? null
                  : LocationType.valueOf(n.path("type").asString()),
              optionalLong(n, "container"),
              n.path("holds").asInt(0),
              fields(n));
      case "receive" ->
          new UnitCommand.Receive(
              n.path("loc").asLong(),
              LocationType.valueOf(n.path("type").asString()),
              optionalLong(n, "container"),
              n.path("holds").asInt(0));
      case "move" ->
          new UnitCommand.Move(
              n.path("loc").asLong(), LocationType.valueOf(n.path("type").asString()));
      case "carry" ->
          new UnitCommand.Carry(
              n.path("loc").asLong(), LocationType.valueOf(n.path("type").asString()));
      case "pack" -> new UnitCommand.Pack(n.path("container").asLong(), n.path("loc").asLong());
      case "unpack" -> new UnitCommand.Unpack();
      case "hold" -> new UnitCommand.PlaceHold(Hold.valueOf(n.path("hold").asString()));
      case "release" -> new UnitCommand.ReleaseHold(Hold.valueOf(n.path("hold").asString()));
      case "lose" -> new UnitCommand.Lose();
      case "find" ->
          new UnitCommand.Find(
              n.path("loc").asLong(), LocationType.valueOf(n.path("type").asString()));
      case "fields" -> new UnitCommand.SetFields(fields(n));
      case "observe" -> new UnitCommand.Observe(n.path("loc").asLong());
      case "allocate" -> new UnitCommand.Allocate();
      case "deallocate" -> new UnitCommand.Deallocate();
      case "pick" ->
          new UnitCommand.Pick(
              n.path("loc").asLong(),
              LocationType.valueOf(n.path("type").asString()),
              n.path("substitute").asBoolean(false));
      case "ship" -> new UnitCommand.Ship(strings(n, "sale"));
      case "dispatch" ->
          new UnitCommand.Dispatch(
              n.path("warehouse").asString(), n.path("packed").asBoolean(false));
      case "arrive" ->
          new UnitCommand.Arrive(
              n.path("loc").asLong(), LocationType.valueOf(n.path("type").asString()));
      case "lose-on-the-way" -> new UnitCommand.LoseOnTheWay();
      case "return" ->
          new UnitCommand.Return(
              n.path("loc").asLong(),
              LocationType.valueOf(n.path("type").asString()),
              n.path("holds").asInt(0));
      case "inspect" -> new UnitCommand.Inspect(n.path("condition").asString());
      case "route" ->
          new UnitCommand.Route(
              UnitState.valueOf(n.path("to").asString()),
              optionalLong(n, "loc"),
              n.path("type").isNull() || n.path("type").isMissingNode()
                  ? null
                  : LocationType.valueOf(n.path("type").asString()));
      case "dispose" -> new UnitCommand.Dispose(UnitState.valueOf(n.path("to").asString()));
      case "note" -> new UnitCommand.Note(strings(n, "note"));
      case "consume" -> new UnitCommand.Consume(n.path("into").asLong());
      case "recover" ->
          new UnitCommand.Recover(
              n.path("from").asLong(),
              n.path("loc").asLong(),
              LocationType.valueOf(n.path("type").asString()));
      case "assemble" -> new UnitCommand.Build(false);
      case "disassemble" -> new UnitCommand.Build(true);
      default -> throw new IllegalStateException("unknown ledger command '" + c + "' in an entry");
    };
  }

  private static Long optionalLong(JsonNode n, String name) {
    JsonNode v = n.path(name);
    return v.isNull() || v.isMissingNode() ? null : v.asLong();
  }

  private static Map<String, String> fields(JsonNode n) {
    return strings(n, "fields");
  }

  private static Map<String, String> strings(JsonNode n, String name) {
    Map<String, String> fields = new TreeMap<>();
    JsonNode f = n.path(name);
    if (f.isObject()) {
      for (var e : f.properties()) {
        fields.put(e.getKey(), e.getValue().asString());
      }
    }
    return fields;
  }
}
