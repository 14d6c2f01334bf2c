package io.unitrace.gs1;

/**
 * The JSON form of a parse result, shared by the command line and the server's {@code POST
 * /api/v1/gs1/parse} so both answer byte for byte the same:
 *
 * <pre>{@code
 * {"valid":true,"form":"AIM_GS1","elements":[{"ai":"01","title":"GTIN","value":"09506000134352"}],
 *  "bracketed":"(01)09506000134352","raw":"0109506000134352","digitalLink":"https://id.gs1.org/01/09506000134352"}
 * {"valid":false,"error":{"code":"check-digit","ai":"01","component":1,"position":18,"message":"..."}}
 * }</pre>
 *
 * {@code digitalLink} is {@code null} when the data has no Digital Link primary key; for {@link
 * Gs1Data.Form#PLAIN} data, {@code bracketed}, {@code raw} and {@code digitalLink} are {@code null}
 * and {@code plainText} is added. Hand-written so the library stays dependency-free.
 */
public final class Gs1Json {

  private Gs1Json() {}

  public static String toJson(Gs1Data data) {
    StringBuilder sb = new StringBuilder(256);
    sb.append("{\"valid\":true,\"form\":");
    string(sb, data.form().name());
    sb.append(",\"elements\":[");
    for (int i = 0; i < data.elements().size(); i++) {
      Element e = data.elements().get(i);
      sb.append(i > 0 ? ",{\"ai\":" : "{\"ai\":");
      string(sb, e.ai());
      sb.append(",\"title\":");
      string(sb, e.title());
      sb.append(",\"value\":");
      string(sb, e.value());
      sb.append('}');
    }
    sb.append(']');
    boolean plain = data.form() == Gs1Data.Form.PLAIN;
    sb.append(",\"bracketed\":");
    string(sb, plain ? null : data.toBracketed());
    sb.append(",\"raw\":");
    string(sb, plain ? null : data.toRaw());
    sb.append(",\"digitalLink\":");
    string(sb, plain ? null : digitalLinkOrNull(data));
    if (plain) {
      sb.append(",\"plainText\":");
      string(sb, data.plainText().orElse(""));
    }
    return sb.append('}').toString();
  }

  public static String toJson(Gs1SyntaxException error) {
    StringBuilder sb = new StringBuilder(160);
    sb.append("{\"valid\":false,\"error\":{\"code\":");
    string(sb, error.code());
    sb.append(",\"ai\":");
    string(sb, error.ai());
    sb.append(",\"component\":").append(error.component());
    sb.append(",\"position\":").append(error.position());
    sb.append(",\"message\":");
    string(sb, error.getMessage());
    return sb.append("}}").toString();
  }

  private static String digitalLinkOrNull(Gs1Data data) {
    try {
      return data.toDigitalLink();
    } catch (Gs1SyntaxException notRepresentable) {
      return null;
    }
  }

  private static void string(StringBuilder sb, String s) {
    if (s == null) {
      sb.append("null");
      return;
    }
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
