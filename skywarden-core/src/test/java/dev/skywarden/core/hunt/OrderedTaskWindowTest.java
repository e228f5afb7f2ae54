package dev.skywarden.core.hunt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The window that keeps a hunt's per-file tasks bounded: a hunt of millions of files must not hold
 * a task and an outcome per file on the heap.
 */
class OrderedTaskWindowTest {

  private final ExecutorService pool = Executors.newFixedThreadPool(3, new WorkerThreads());

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  /** Makes numbered tasks as they are taken and records the most taken and not yet consumed. */
  private static final class CountingTasks implements Iterator<Callable<Integer>> {
    private final int count;
    private int taken;
    private int consumed;
    private int maxInFlight;

    CountingTasks(int count) {
      this.count = count;
    }

    @Override
    public boolean hasNext() {
      return taken < count;
    }

    @Override
    public Callable<Integer> next() {
      int number = taken++;
      maxInFlight = Math.max(maxInFlight, taken - consumed);
      return () -> number;
    }
  }

  @Test
  void manyTasks_inFlightBounded() throws InterruptedException {
    CountingTasks tasks = new CountingTasks(10_000);
    List<Integer> results = new ArrayList<>();

    OrderedTaskWindow.run(
        pool,
        12,
        tasks,
        future -> {
          tasks.consumed++;
          results.add(get(future));
        });

    assertThat(tasks.maxInFlight).isEqualTo(12);
    assertThat(results).hasSize(10_000);
  }

  @Test
  void results_inSubmissionOrder() throws InterruptedException {
    AtomicInteger started = new AtomicInteger();
    List<Callable<Integer>> tasks = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int number = i;
      // Early tasks sleep longest, so later ones finish first on the other workers.
      tasks.add(
          () -> {
            started.incrementAndGet();
            Thread.sleep(number < 3 ? 20 : 0);
            return number;
          });
    }
    List<Integer> results = new ArrayList<>();

    OrderedTaskWindow.run(pool, 8, tasks.iterator(), future -> results.add(get(future)));

    assertThat(started.get()).isEqualTo(200);
    assertThat(results).isSorted().hasSize(200).startsWith(0, 1, 2).endsWith(199);
  }

  @Test
  void noTasks_consumerNotCalled() throws InterruptedException {
    AtomicInteger calls = new AtomicInteger();

    OrderedTaskWindow.run(
        pool, 4, List.<Callable<Integer>>of().iterator(), future -> calls.incrementAndGet());

    assertThat(calls.get()).isZero();
  }

  @Test
  void zeroPending_rejected() {
    assertThatThrownBy(
            () -> OrderedTaskWindow.run(pool, 0, List.<Callable<Integer>>of().iterator(), f -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 0");
  }

  private static int get(Future<Integer> future) throws InterruptedException {
    try {
      return future.get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new AssertionError("task failed", e.getCause());
    }
  }
}
