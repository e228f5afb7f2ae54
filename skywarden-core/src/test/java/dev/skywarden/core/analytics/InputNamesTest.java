package dev.skywarden.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
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

  @Test
  void name_roundTripsManyPerDirectory() {
    InputNames inputs = new InputNames();
    List<String> names = new ArrayList<>();
    for (int day = 1; day <= 3; day++) {
      for (int file = 0; file < 3 * InputNames.RESTART + 5; file++) {
        names.add(cloudTrailName(day, file, "x" + file));
      }
    }
    // Directories interleaved and names out of order, as several threads number them.
    Collections.shuffle(names, new Random(7));
    int[] numbers = new int[names.size()];
    for (int i = 0; i < names.size(); i++) {
      numbers[i] = inputs.number(names.get(i));
    }

    for (int i = 0; i < names.size(); i++) {
      assertThat(inputs.name(numbers[i])).as("name of input %d", i).isEqualTo(names.get(i));
    }
  }

  @Test
  void name_roundTripsLongAndIrregularNames() {
    InputNames inputs = new InputNames();
    String longPrefix = "p".repeat(300);
    String[] names = {
      "logs/" + longPrefix + "a.json",
      "logs/" + longPrefix + "b.json",
      "logs/" + longPrefix,
      "logs/" + longPrefix + "\uD800broken.json",
      "logs/" + longPrefix + "c.json",
      "logs/"
    };
    int[] numbers = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      numbers[i] = inputs.number(names[i]);
    }

    for (int i = 0; i < names.length; i++) {
      assertThat(inputs.name(numbers[i])).as("name of input %d", i).isEqualTo(names[i]);
    }
  }

  @Test
  void storedBytes_underFiftyPerCloudTrailFile() {
    InputNames inputs = new InputNames();
    Random random = new Random(11);
    int files = 0;
    // 28 daily directories of 288 five-minute files, as one region of a trail delivers them.
    for (int day = 1; day <= 28; day++) {
      for (int file = 0; file < 288; file++) {
        inputs.number(cloudTrailName(day, file, randomId(random)));
        files++;
      }
    }

    assertThat(inputs.storedBytes() / (double) files)
        .as("bytes per input of %d", files)
        .isLessThan(50.0);
  }

  private static String cloudTrailName(int day, int file, String id) {
    String date = String.format("202601%02d", day);
    String time = String.format("%02d%02d", file / 12, file % 12 * 5);
    return "/data/logs/AWSLogs/111122223333/CloudTrail/us-east-1/2026/01/"
        + date.substring(6)
        + "/111122223333_CloudTrail_us-east-1_"
        + date
        + "T"
        + time
        + "Z_"
        + id
        + ".json.gz";
  }

  private static String randomId(Random random) {
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    StringBuilder id = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      id.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return id.toString();
  }
}
