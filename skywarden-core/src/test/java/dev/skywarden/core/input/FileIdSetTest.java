package dev.skywarden.core.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FileIdSetTest {

  @Test
  void add_agreesWithHashSetOnRandomIds() {
    Random random = new Random(7);
    FileIdSet set = new FileIdSet();
    Set<List<Long>> model = new HashSet<>();

    for (int i = 0; i < 50_000; i++) {
      long device = random.nextInt(3);
      long inode = random.nextInt(40_000);
      boolean expected = model.add(List.of(device, inode));

      assertThat(set.add(device, inode)).as("add(%d, %d)", device, inode).isEqualTo(expected);
    }
    assertThat(set.size()).isEqualTo(model.size());
  }

  @Test
  void add_zeroPairKeptApartFromEmptySlots() {
    FileIdSet set = new FileIdSet();

    assertThat(set.add(0, 0)).isTrue();
    assertThat(set.add(0, 0)).isFalse();
    assertThat(set.add(0, 1)).isTrue();
    assertThat(set.add(1, 0)).isTrue();
    assertThat(set.size()).isEqualTo(3);
  }

  @Test
  void add_sameInodeTwoDevices() {
    FileIdSet set = new FileIdSet();

    assertThat(set.add(2049, 131)).isTrue();
    assertThat(set.add(2050, 131)).isTrue();
    assertThat(set.add(Long.MIN_VALUE, -1)).isTrue();
    assertThat(set.add(Long.MIN_VALUE, -1)).isFalse();
  }
}
