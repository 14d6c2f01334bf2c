package io.unitrace.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Real threads that wait at one gate and are released together, so their requests reach the server
 * at the same moment.
 */
public final class StartGate {

  private StartGate() {}

  /**
   * Sends each request on its own thread, all released at once; answers in the order of the
   * requests.
   */
  @SafeVarargs
  public static List<Api.Response> together(Callable<Api.Response>... requests) throws Exception {
    return together(List.of(requests));
  }

  /** Sends the same request from {@code clerks} threads at once. */
  public static List<Api.Response> times(int clerks, Callable<Api.Response> request)
      throws Exception {
    return together(Collections.nCopies(clerks, request));
  }

  public static List<Api.Response> together(List<Callable<Api.Response>> requests)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(requests.size());
    try {
      CountDownLatch ready = new CountDownLatch(requests.size());
      CountDownLatch gate = new CountDownLatch(1);
      List<Future<Api.Response>> futures = new ArrayList<>();
      for (Callable<Api.Response> request : requests) {
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  gate.await();
                  return request.call();
                }));
      }
      assertThat(ready.await(10, TimeUnit.SECONDS)).as("every clerk reached the gate").isTrue();
      gate.countDown();
      List<Api.Response> answers = new ArrayList<>();
      for (Future<Api.Response> f : futures) {
        answers.add(f.get(60, TimeUnit.SECONDS));
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }
}
