package dev.skywarden.core.hunt;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs tasks on a pool with a bounded number in flight and hands their futures on in submission
 * order.
 *
 * <p>Design note: a hunt of a large corpus has one task per file, millions of them. Submitting them
 * all at once keeps every queued task, and every finished task's outcome until it is consumed, on
 * the heap, so memory grew with the number of files. Here at most {@code maxPending} tasks are
 * submitted and not yet consumed: the next task is taken from the iterator only after the oldest
 * future has been consumed. Consuming in submission order keeps results that are joined in order
 * (statistics, skip samples) the same whatever the thread count.
 *
 * <p>Thread-safety: {@link #run} runs on the calling thread; the tasks run on the pool.
 */
final class OrderedTaskWindow {

  /** Receives one future, in submission order; it may block on {@link Future#get()}. */
  @FunctionalInterface
  interface FutureConsumer<T> {
    void accept(Future<T> future) throws InterruptedException;
  }

  private OrderedTaskWindow() {}

  /**
   * Submits every task of {@code tasks} to {@code pool} and passes each future to {@code consumer}
   * in submission order, with at most {@code maxPending} tasks taken from the iterator and not yet
   * passed on.
   *
   * @param maxPending tasks in flight, at least 1; a few per worker keeps the workers busy while
   *     the oldest outcome is consumed
   * @throws IllegalArgumentException when {@code maxPending} is less than 1
   * @throws InterruptedException when {@code consumer} is interrupted
   */
  static <T> void run(
      ExecutorService pool,
      int maxPending,
      Iterator<? extends Callable<T>> tasks,
      FutureConsumer<T> consumer)
      throws InterruptedException {
    if (maxPending < 1) {
      throw new IllegalArgumentException("maxPending must be at least 1, was " + maxPending);
    }
    ArrayDeque<Future<T>> pending = new ArrayDeque<>(maxPending);
    while (tasks.hasNext() || !pending.isEmpty()) {
      while (pending.size() < maxPending && tasks.hasNext()) {
        pending.add(pool.submit(tasks.next()));
      }
      consumer.accept(pending.poll());
    }
  }
}
