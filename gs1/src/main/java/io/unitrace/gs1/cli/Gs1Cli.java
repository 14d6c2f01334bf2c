package io.unitrace.gs1.cli;

import io.unitrace.gs1.Gs1;
import io.unitrace.gs1.Gs1Json;
import io.unitrace.gs1.Gs1SyntaxException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code java -jar unitrace-gs1.jar parse '<scan>'}: prints the parse result as JSON (see {@link
 * Gs1Json}). Exit status 0 when the scan is valid, 1 when it is not, 2 on usage errors. {@code
 * parse -} reads the scan from standard input instead, for data with control characters.
 */
public final class Gs1Cli {

  static final int VALID = 0;
  static final int INVALID = 1;
  static final int USAGE = 2;

  private static final String USAGE_TEXT =
      """
      usage: java -jar unitrace-gs1.jar parse '<scan>'
             java -jar unitrace-gs1.jar parse -        (scan read from standard input)

      <scan> is a bracketed element string "(01)09506000134352(10)ABC123", a raw element string
      with GS (0x1D or the text \\x1d) separators, an AIM-prefixed scan "]d2...", a GS1 Digital
      Link URI, or a bare GTIN / SSCC. Prints JSON; exit 0 valid, 1 invalid, 2 usage error.""";

  private Gs1Cli() {}

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    if (args.length == 1
        && (args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h"))) {
      out.println(USAGE_TEXT);
      return VALID;
    }
    if (args.length != 2 || !args[0].equals("parse")) {
      err.println(USAGE_TEXT);
      return USAGE;
    }
    String scan = args[1];
    if (scan.equals("-")) {
      try {
        scan = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        err.println("cannot read standard input: " + e.getMessage());
        return USAGE;
      }
    }
    try {
      out.println(Gs1Json.toJson(Gs1.parse(scan)));
      return VALID;
    } catch (Gs1SyntaxException e) {
      out.println(Gs1Json.toJson(e));
      return INVALID;
    }
  }
}
