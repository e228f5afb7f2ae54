package dev.skywarden.core.posture;

import static dev.skywarden.core.posture.PostureFixtures.audit;
import static dev.skywarden.core.posture.PostureFixtures.details;
import static dev.skywarden.core.posture.PostureFixtures.role;
import static dev.skywarden.core.posture.PostureFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.event.CloudProvider;
import dev.skywarden.core.finding.PrincipalPosture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostureIndexTest {

  private static final String ACCOUNT = "111111111111";
  private static final String ALL =
      "[{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]";
  private static final String SELF =
      "[{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::"
          + ACCOUNT
          + ":root\"}, \"Action\": \"sts:AssumeRole\"}]";

  /**
   * A hunt names the findings of a role's sessions with generated names (CI runs, instances) by the
   * role ARN without its path, so that name must find a role exported with a path.
   */
  @Test
  void lookup_roleArnWithoutPath(@TempDir Path dir) throws IOException {
    String withPath =
        role(ACCOUNT, "deploy", SELF, ALL)
            .replace("\"Path\": \"/\"", "\"Path\": \"/ci/\"")
            .replace(":role/deploy\"", ":role/ci/deploy\"");
    write(dir, "a.json", details(List.of(), List.of(withPath, role(ACCOUNT, "plain", SELF, ALL))));

    PostureIndex index = audit(dir).index();

    String exported = "arn:aws:iam::" + ACCOUNT + ":role/ci/deploy";
    assertThat(index.lookup(CloudProvider.AWS, "arn:aws:iam::" + ACCOUNT + ":role/deploy"))
        .map(PrincipalPosture::principal)
        .hasValue(exported);
    assertThat(index.lookup(CloudProvider.AWS, exported))
        .map(PrincipalPosture::principal)
        .hasValue(exported);
    assertThat(
            index.lookup(
                CloudProvider.AWS, "arn:aws:sts::" + ACCOUNT + ":assumed-role/deploy/run-123456"))
        .map(PrincipalPosture::principal)
        .hasValue(exported);
    assertThat(index.lookup(CloudProvider.AWS, "arn:aws:iam::" + ACCOUNT + ":role/plain"))
        .map(PrincipalPosture::principal)
        .hasValue("arn:aws:iam::" + ACCOUNT + ":role/plain");
  }

  @Test
  void lookup_unknownRoleOrOtherAccount(@TempDir Path dir) throws IOException {
    write(dir, "a.json", details(List.of(), List.of(role(ACCOUNT, "deploy", SELF, ALL))));

    PostureIndex index = audit(dir).index();

    assertThat(index.lookup(CloudProvider.AWS, "arn:aws:iam::" + ACCOUNT + ":role/other"))
        .isEmpty();
    assertThat(index.lookup(CloudProvider.AWS, "arn:aws:iam::222222222222:role/deploy")).isEmpty();
    assertThat(index.lookup(CloudProvider.AWS, "arn:aws:iam::" + ACCOUNT + ":user/deploy"))
        .isEmpty();
    assertThat(index.lookup(CloudProvider.AWS, "arn:aws:iam::" + ACCOUNT + ":role/")).isEmpty();
  }
}
