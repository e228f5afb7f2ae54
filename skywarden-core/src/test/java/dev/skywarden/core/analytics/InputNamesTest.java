package dev.skywarden.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InputNamesTest {

  @Test
  void name_roundTripsEveryForm() throws Exception {
    InputNames inputs = new InputNames();
    String[] names = {
      "logs/AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/trail_20260105T0000Z_a.json.gz",
      "logs/AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/05/trail_20260105T0005Z_b.json.gz",
      "C:\\logs\\trail.json",
      "trail.json",
      "/logs/dir/",
      "logs/über/événements-東京.json",
      "-"
    };
    int[] numbers = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      numbers[i] = inputs.number(names[i]);
    }

    for (int i = 0; i < names.length; i++) {
      assertThat(inputs.name(numbers[i])).as("name of input %d", i).isEqualTo(names[i]);
    }
    assertThat(numbers).as("numbers").doesNotHaveDuplicates();
  }

  @Test
  void number_sameForRepeatedName() {
    InputNames inputs = new InputNames();
    String name = "logs/a.json";

    int first = inputs.number(name);
    int again = inputs.number(new String(name.toCharArray()));

    assertThat(again).isEqualTo(first);
  }

  @Test
  void name_sameFromAnotherThread() throws Exception {
    InputNames inputs = new InputNames();
    int mainThread = inputs.number("logs/a.json");
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> otherThread = pool.submit(() -> inputs.number("logs/a.json"));

      assertThat(inputs.name(otherThread.get())).isEqualTo("logs/a.json");
      assertThat(inputs.name(mainThread)).isEqualTo("logs/a.json");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void name_unknownNumberRejected() {
    InputNames inputs = new InputNames();
    inputs.number("logs/a.json");

    assertThatThrownBy(() -> inputs.name(1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> inputs.name(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
