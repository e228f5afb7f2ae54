package dev.skywarden.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateLockTest {

  @TempDir Path folder;

  @Test
  void secondAcquire_rejectedWhileHeld() throws IOException {
    Path state = folder.resolve("state");

    try (StateLock first = StateLock.acquire(state)) {
      assertThat(first).isNotNull();
      assertThatThrownBy(() -> StateLock.acquire(state))
          .isInstanceOf(StateLock.StateLockedException.class)
          .hasMessageContaining(state.toString())
          .hasMessageContaining("in use by another hunt");
    }
  }

  @Test
  void acquire_afterClose_succeeds() throws IOException {
    StateLock.acquire(folder).close();

    try (StateLock again = StateLock.acquire(folder)) {
      assertThat(again).isNotNull();
      assertThat(Files.exists(folder.resolve(StateLock.FILE_NAME))).isTrue();
    }
  }

  @Test
  void acquire_folderIsAFile_fails() throws IOException {
    Path file = Files.writeString(folder.resolve("file"), "x");

    assertThatThrownBy(() -> StateLock.acquire(file)).isInstanceOf(IOException.class);
  }
}
