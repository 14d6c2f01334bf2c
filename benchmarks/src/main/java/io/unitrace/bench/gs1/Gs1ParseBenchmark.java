package io.unitrace.bench.gs1;

import io.unitrace.gs1.Gs1;
import io.unitrace.gs1.Gs1Data;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of {@link Gs1#parse} on one thread, in parses per second, for the scans a warehouse
 * sees most: a DataMatrix {@code ]d2} scan with GTIN, expiry, lot and serial (target 1,000,000/s),
 * the same as a GS1 Digital Link URI (target 300,000/s), the bracketed form and a bare EAN-13. Run
 * with {@code java -jar benchmarks/target/benchmarks.jar Gs1ParseBenchmark -f 1 -wi 3 -i 5 -t 1}.
 * Iterations last 2 s because on a busy 2-core machine the JIT needs more than 3 s of warm-up
 * before the Digital Link path reaches its steady state.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class Gs1ParseBenchmark {

  // Different serials so that nothing can be cached across calls by accident.
  private final String[] dataMatrixScans = {
    "]d2010950600013435217201225\u001d10ABC123\u001d21XYZ0001",
    "]d2010950600013435217201225\u001d10ABC123\u001d21XYZ0002",
    "]d2010950600013435217201225\u001d10ABC123\u001d21XYZ0003",
    "]d2010950600013435217201225\u001d10ABC123\u001d21XYZ0004",
  };

  private final String[] digitalLinks = {
    "https://id.gs1.org/01/09506000134352/10/ABC123/21/XYZ0001?17=201225",
    "https://id.gs1.org/01/09506000134352/10/ABC123/21/XYZ0002?17=201225",
    "https://id.gs1.org/01/09506000134352/10/ABC123/21/XYZ0003?17=201225",
    "https://id.gs1.org/01/09506000134352/10/ABC123/21/XYZ0004?17=201225",
  };

  private final String bracketed = "(01)09506000134352(17)201225(10)ABC123(21)XYZ0001";
  private final String ean13 = "9506000134352";

  private int next;

  @Benchmark
  public Gs1Data dataMatrixScan() {
    return Gs1.parse(dataMatrixScans[next++ & 3]);
  }

  @Benchmark
  public Gs1Data digitalLink() {
    return Gs1.parse(digitalLinks[next++ & 3]);
  }

  @Benchmark
  public Gs1Data bracketedElementString() {
    return Gs1.parse(bracketed);
  }

  @Benchmark
  public Gs1Data bareEan13() {
    return Gs1.parse(ean13);
  }

  @Benchmark
  public String dataMatrixScanToDigitalLink() {
    return Gs1.parse(dataMatrixScans[next++ & 3]).toDigitalLink();
  }
}
