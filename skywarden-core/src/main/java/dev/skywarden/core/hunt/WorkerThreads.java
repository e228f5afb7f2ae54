package dev.skywarden.core.hunt;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Names hunt worker threads {@code skywarden-hunt-N} and makes them daemons. */
final class WorkerThreads implements ThreadFactory {

  private final AtomicInteger next = new AtomicInteger(1);

  @Override
  public Thread newThread(Runnable task) {
    Thread thread = new Thread(task, "skywarden-hunt-" + next.getAndIncrement());
    thread.setDaemon(true);
    return thread;
  }
}
