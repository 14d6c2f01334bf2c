package io.unitrace.gs1;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * A code list shipped as a resource next to the dictionary (ISO 3166, ISO 4217, package types…),
 * read once on first use. Files hold whitespace-separated codes; {@code #} starts a comment, so
 * updating a list is editing a text file.
 */
final class CodeList {

  static final CodeList ISO3166 = new CodeList("iso3166.txt");
  static final CodeList ISO3166_ALPHA2 = new CodeList("iso3166alpha2.txt");
  static final CodeList ISO4217 = new CodeList("iso4217.txt");
  static final CodeList PACKAGE_TYPES = new CodeList("packagetype.txt");
  static final CodeList MEDIA_TYPES = new CodeList("mediatype.txt");

  private final String resource;
  private volatile Set<String> codes;

  private CodeList(String resource) {
    this.resource = resource;
  }

  boolean contains(String value, int from, int to) {
    return codes().contains(value.substring(from, to));
  }

  Set<String> codes() {
    Set<String> loaded = codes;
    if (loaded == null) {
      synchronized (this) {
        loaded = codes;
        if (loaded == null) {
          loaded = load();
          codes = loaded;
        }
      }
    }
    return loaded;
  }

  private Set<String> load() {
    String text = readResource("codelists/" + resource);
    Set<String> set = new HashSet<>();
    for (String line : text.split("\n")) {
      int hash = line.indexOf('#');
      String content = hash >= 0 ? line.substring(0, hash) : line;
      for (String code : content.trim().split("\\s+")) {
        if (!code.isEmpty()) {
          set.add(code);
        }
      }
    }
    return Set.copyOf(set);
  }

  static String readResource(String name) {
    try (InputStream in = CodeList.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "resource io/unitrace/gs1/" + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + name, e);
    }
  }
}
