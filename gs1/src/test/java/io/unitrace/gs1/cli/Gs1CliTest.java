package io.unitrace.gs1.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line: JSON on standard output, exit 0 valid, 1 invalid, 2 usage error. */
class Gs1CliTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(InputStream in, String... args) {
    return Gs1Cli.run(
        args,
        in,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private int run(String... args) {
    return run(InputStream.nullInputStream(), args);
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void validScanPrintsJsonAndExitsZero() {
    int status = run("parse", "(01)09506000134352(17)201225(10)ABC123(21)XYZ");

    assertThat(status).isZero();
    assertThat(output())
        .startsWith("{\"valid\":true,\"form\":\"BRACKETED\"")
        .contains(
            "\"digitalLink\":\"https://id.gs1.org/01/09506000134352/10/ABC123/21/XYZ?17=201225\"");
  }

  @Test
  void invalidScanPrintsTheErrorAndExitsOne() {
    int status = run("parse", "(01)09506000134353");

    assertThat(status).isEqualTo(1);
    assertThat(output()).contains("\"valid\":false", "\"code\":\"check-digit\"");
  }

  @Test
  void wrongArgumentsPrintUsageAndExitTwo() {
    assertThat(run()).isEqualTo(2);
    assertThat(run("parse")).isEqualTo(2);
    assertThat(run("decode", "x")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage:");
    assertThat(output()).isEmpty();
  }

  @Test
  void readsTheScanFromStandardInputWhenAskedTo() {
    byte[] scan = "]d2010950600013435210ABC\u001d21X\n".getBytes(StandardCharsets.UTF_8);

    int status = run(new ByteArrayInputStream(scan), "parse", "-");

    assertThat(status).isZero();
    assertThat(output()).contains("\"form\":\"AIM_GS1\"", "\"value\":\"ABC\"");
  }

  @Test
  void acceptsTheTextBackslashX1dAsShellsPassIt() {
    assertThat(run("parse", "]d2010950600013435210ABC\\x1d21X")).isZero();
    assertThat(output()).contains("\"raw\":\"010950600013435210ABC\\u001d21X\"");
  }
}
