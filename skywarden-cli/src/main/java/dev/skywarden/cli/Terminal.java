package dev.skywarden.cli;

import java.io.Console;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** Tells whether the process talks to a terminal, for colour and the progress line. */
final class Terminal {

  private Terminal() {}

  /**
   * Returns true when standard input and output are a terminal. On Java 17 to 21 a console exists
   * only then; from Java 22 a console always exists and {@code Console.isTerminal()} tells.
   */
  @SuppressWarnings(
      "SystemConsoleNull") // the null check is right on Java 17, checked below for 22+
  static boolean isInteractive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return Boolean.TRUE.equals(isTerminal.invoke(console));
    } catch (NoSuchMethodException e) {
      return true;
    } catch (IllegalAccessException | InvocationTargetException e) {
      return false;
    }
  }
}
