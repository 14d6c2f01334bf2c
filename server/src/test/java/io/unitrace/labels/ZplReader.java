package io.unitrace.labels;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads ZPL back the way a Zebra printer interprets it, for the few commands Unitrace writes: what
 * the printed symbols would report to a scanner (AIM identifier + data, FNC1 as GS) and the text
 * lines. A test oracle written from the ZPL II manual, independent of {@link ZplLabel}.
 */
final class ZplReader {

  record Field(String command, String data) {}

  private ZplReader() {}

  /** The formats of a document, each from ^XA to ^XZ. */
  static List<String> formats(String zpl) {
    List<String> formats = new ArrayList<>();
    int from = 0;
    while (true) {
      int start = zpl.indexOf("^XA", from);
      if (start < 0) {
        return formats;
      }
      int end = zpl.indexOf("^XZ", start);
      if (end < 0) {
        throw new AssertionError("^XA without ^XZ");
      }
      formats.add(zpl.substring(start, end + 3));
      from = end + 3;
    }
  }

  /**
   * Each field (^FO ... ^FS) as the command that draws it (BX, BC, BQ, A0) and its raw ^FD data.
   */
  static List<Field> fields(String format) {
    List<Field> fields = new ArrayList<>();
    for (String field : format.split("\\^FS")) {
      int fd = field.indexOf("^FD");
      if (fd < 0) {
        continue;
      }
      String command =
          field.contains("^BX")
              ? "BX"
              : field.contains("^BC") ? "BC" : field.contains("^BQ") ? "BQ" : "A0";
      fields.add(new Field(command, field.substring(fd + 3)));
    }
    return fields;
  }

  static List<String> scans(String format) {
    List<String> scans = new ArrayList<>();
    for (Field f : fields(format)) {
      switch (f.command()) {
        case "BX" -> scans.add(dataMatrix(f.data()));
        case "BC" -> scans.add(code128(f.data()));
        case "BQ" -> {
          if (!f.data().startsWith("MA,")) {
            throw new AssertionError(
                "QR field data without error correction and input mode: " + f.data());
          }
          scans.add("]Q1" + f.data().substring(3));
        }
        default -> {}
      }
    }
    return scans;
  }

  static List<String> texts(String format) {
    return fields(format).stream()
        .filter(f -> f.command().equals("A0"))
        .map(f -> hex(f.data()))
        .toList();
  }

  /** ^BX quality 200 with escape character '_': _1 is FNC1, __ an underscore. */
  static String dataMatrix(String data) {
    if (!data.startsWith("_1")) {
      throw new AssertionError("a GS1 DataMatrix starts with FNC1: " + data);
    }
    StringBuilder out = new StringBuilder("]d2");
    for (int i = 2; i < data.length(); i++) {
      char c = data.charAt(i);
      if (c == '_') {
        char next = data.charAt(++i);
        switch (next) {
          case '1' -> out.append('\u001d');
          case '_' -> out.append('_');
          default -> throw new AssertionError("unexpected escape _" + next + " in " + data);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** ^BC mode N: start codes >9 >: >; and invocation codes, subset C as digit pairs. */
  static String code128(String data) {
    char set =
        switch (data.substring(0, 2)) {
          case ">9" -> 'A';
          case ">:" -> 'B';
          case ">;" -> 'C';
          default -> throw new AssertionError("no start code in " + data);
        };
    boolean gs1 = data.startsWith(">8", 2);
    StringBuilder out = new StringBuilder(gs1 ? "]C1" : "]C0");
    int i = gs1 ? 4 : 2;
    while (i < data.length()) {
      char c = data.charAt(i);
      if (c == '>') {
        char code = data.charAt(i + 1);
        i += 2;
        switch (code) {
          case '8' -> out.append('\u001d');
          case '5' -> set = 'C';
          case '6' -> {
            if (set == 'B') {
              throw new AssertionError("FNC4 is not used");
            }
            set = 'B';
          }
          case '0' -> out.append('>');
          case '<' -> out.append('^');
          case '=' -> out.append('~');
          default ->
              throw new AssertionError("unexpected invocation code >" + code + " in " + data);
        }
      } else if (set == 'C') {
        char second = data.charAt(i + 1);
        if (!Character.isDigit(c) || !Character.isDigit(second)) {
          throw new AssertionError("code C takes digit pairs, got '" + c + second + "' in " + data);
        }
        out.append(c).append(second);
        i += 2;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** Text under ^FH_: _XX is a byte in hex; the bytes are UTF-8 (^CI28). */
  static String hex(String data) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < data.length(); i++) {
      char c = data.charAt(i);
      if (c == '_') {
        bytes.write(Integer.parseInt(data.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        if (c == '^' || c == '~' || c > 0x7e) {
          throw new AssertionError("unescaped '" + c + "' in text field " + data);
        }
        bytes.write(c);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
