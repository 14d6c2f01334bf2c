package io.unitrace.channels;

import org.springframework.stereotype.Component;

/**
 * Wakes the long polls of this server when an event commits here. Events committed by another
 * server are seen by the poll's periodic re-read instead. A generation number closes the race
 * between a poll's read and its wait: a commit in between changes it, and the poll reads again at
 * once instead of sleeping through it.
 */
@Component
class FeedSignal {

  private long generation;

  synchronized long generation() {
    return generation;
  }

  synchronized void committed() {
    generation++;
    notifyAll();
  }

  /** Waits until a commit after {@code seen}, or {@code millis} pass. */
  synchronized void awaitAfter(long seen, long millis) throws InterruptedException {
    long until = System.nanoTime() + millis * 1_000_000;
    while (generation == seen) {
      long left = (until - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return;
      }
      wait(left);
    }
  }
}
