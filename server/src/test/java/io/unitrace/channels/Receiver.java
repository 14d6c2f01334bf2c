package io.unitrace.channels;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A sales channel's webhook endpoint for a test: a real HTTP server on a free local port that
 * records every request and answers the statuses it was told, in order (then 200).
 */
final class Receiver implements AutoCloseable {

  record Request(String path, Map<String, String> headers, String body, long receivedAtNanos) {

    String header(String name) {
      return headers.get(name.toLowerCase());
    }
  }

  private final HttpServer server;
  private final Deque<Integer> answers = new ConcurrentLinkedDeque<>();
  private final List<Request> received = new CopyOnWriteArrayList<>();

  private final Duration delay;
  private final ExecutorService pool = Executors.newFixedThreadPool(8);

  private Receiver(List<Integer> statuses, Duration delay) {
    this.delay = delay;
    answers.addAll(statuses);
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          Map<String, String> headers = new TreeMap<>();
          exchange
              .getRequestHeaders()
              .forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
          received.add(
              new Request(exchange.getRequestURI().getPath(), headers, body, System.nanoTime()));
          Integer status = answers.poll();
          try {
            Thread.sleep(delay.toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.sendResponseHeaders(status == null ? 200 : status, -1);
          exchange.close();
        });
    server.setExecutor(pool);
    server.start();
  }

  /** A receiver answering 200 to everything. */
  static Receiver start() {
    return new Receiver(List.of(), Duration.ZERO);
  }

  /** A receiver answering 200 to everything, each after {@code delay}. */
  static Receiver slow(Duration delay) {
    return new Receiver(List.of(), delay);
  }

  /** A receiver answering {@code statuses} to its first requests, then 200. */
  static Receiver answering(Integer... statuses) {
    return new Receiver(List.of(statuses), Duration.ZERO);
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  List<Request> received() {
    return new ArrayList<>(received);
  }

  /** The requests once there are at least {@code n}, failing after {@code patience}. */
  List<Request> await(int n, Duration patience) {
    long until = System.nanoTime() + patience.toNanos();
    while (received.size() < n) {
      if (System.nanoTime() > until) {
        throw new AssertionError(
            "the receiver got " + received.size() + " requests, expected " + n);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    return received();
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
