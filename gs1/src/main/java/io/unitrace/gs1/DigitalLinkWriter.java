package io.unitrace.gs1;

import java.util.List;

/**
 * Writes elements as a GS1 Digital Link URI. The primary key is the first element whose AI is a
 * Digital Link primary key and around which all the others can be arranged; its qualifiers go into
 * the path in the order of the best-fitting {@code dlpkey=} alternative, every other element into
 * the query in element order. Values are percent-encoded except for RFC 3986 unreserved characters,
 * which is always valid and reads back unchanged.
 */
final class DigitalLinkWriter {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private DigitalLinkWriter() {}

  static String write(List<Element> elements, String baseUri) {
    String base = normaliseBase(baseUri);
    SyntaxDictionary dictionary = SyntaxDictionary.get();
    AiDefinition[] definitions = new AiDefinition[elements.size()];
    for (int i = 0; i < definitions.length; i++) {
      definitions[i] = dictionary.exact(elements.get(i).ai());
      if (definitions[i] == null) {
        throw new Gs1SyntaxException(
            Gs1SyntaxException.UNKNOWN_AI,
            elements.get(i).ai(),
            0,
            -1,
            "is not an AI in the GS1 syntax dictionary");
      }
    }
    Gs1SyntaxException firstProblem = null;
    for (int key = 0; key < definitions.length; key++) {
      if (definitions[key].dlPrimaryKey) {
        try {
          return write(base, elements, definitions, key);
        } catch (Gs1SyntaxException e) {
          firstProblem = firstProblem == null ? e : firstProblem;
        }
      }
    }
    if (firstProblem != null) {
      throw firstProblem;
    }
    throw new Gs1SyntaxException(
        Gs1SyntaxException.DL_NO_PRIMARY_KEY,
        null,
        0,
        -1,
        "no element is a GS1 Digital Link primary key such as (01) GTIN or (00) SSCC");
  }

  private static String write(
      String base, List<Element> elements, AiDefinition[] definitions, int key) {
    String[] path = bestSequence(definitions[key].dlQualifierSequences, elements);
    boolean[] used = new boolean[elements.size()];
    used[key] = true;
    StringBuilder uri = new StringBuilder(base.length() + 64).append(base);
    appendSegment(uri, elements.get(key));
    for (String qualifier : path) {
      for (int i = 0; i < elements.size(); i++) {
        if (!used[i] && elements.get(i).ai().equals(qualifier)) {
          appendSegment(uri, elements.get(i));
          used[i] = true;
        }
      }
    }
    char separator = '?';
    for (int i = 0; i < elements.size(); i++) {
      if (used[i]) {
        continue;
      }
      if (!definitions[i].dlAttribute) {
        throw new Gs1SyntaxException(
            Gs1SyntaxException.DL_NOT_ATTRIBUTE,
            definitions[i].ai,
            0,
            -1,
            "can be neither a key qualifier of ("
                + definitions[key].ai
                + ") nor a Digital Link query attribute");
      }
      uri.append(separator).append(definitions[i].ai).append('=');
      encode(uri, elements.get(i).value());
      separator = '&';
    }
    return uri.toString();
  }

  // The alternative that places most of the present elements in the path.
  private static String[] bestSequence(String[][] sequences, List<Element> elements) {
    String[] best = new String[0];
    int bestCount = 0;
    for (String[] sequence : sequences) {
      int count = 0;
      for (String qualifier : sequence) {
        for (Element e : elements) {
          if (e.ai().equals(qualifier)) {
            count++;
            break;
          }
        }
      }
      if (count > bestCount) {
        best = sequence;
        bestCount = count;
      }
    }
    return best;
  }

  private static void appendSegment(StringBuilder uri, Element element) {
    uri.append('/').append(element.ai()).append('/');
    encode(uri, element.value());
  }

  private static void encode(StringBuilder sb, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        sb.append(c);
      } else {
        sb.append('%').append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
      }
    }
  }

  private static String normaliseBase(String baseUri) {
    if (baseUri == null || !DigitalLinkReader.looksLikeUri(baseUri, 0)) {
      throw new IllegalArgumentException(
          "a Digital Link base URI starts with https:// or http://, got " + baseUri);
    }
    String base = baseUri;
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    if (base.indexOf('?') >= 0 || base.indexOf('#') >= 0) {
      throw new IllegalArgumentException(
          "a Digital Link base URI has no query or fragment: " + baseUri);
    }
    return base;
  }
}
