package dev.skywarden.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skywarden.core.analytics.SessionNames.Generated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each pattern of generated session names with names it must and must not match. */
class SessionNamesTest {

  private static final String ROLE_ARN = "arn:aws:sts::111122223333:assumed-role/deploy/";

  @ParameterizedTest
  @CsvSource({
    "botocore-session-1717171717, SDK_DEFAULT",
    "aws-go-sdk-1717171717123456789, SDK_DEFAULT",
    "aws-sdk-java-1717171717123, SDK_DEFAULT",
    "aws-sdk-js-1717171717123, SDK_DEFAULT",
    "botocore-session-17, SDK_DEFAULT",
    "i-0abc123def4567890, INSTANCE_ID",
    "i-0a1b2c3d, INSTANCE_ID",
    "AWSCodeBuild-3f2b8c1e-9d4a-4e6b-8f00-1a2b3c4d5e6f, UUID",
    "3F2B8C1E-9D4A-4E6B-8F00-1A2B3C4D5E6F, UUID",
    "GitHubActions-10000123, DIGITS",
    "terraform-20240101093000, DIGITS",
    "run123456, DIGITS",
    "9fa3c2d1e0b7a6f59fa3c2d1e0b7a6f5, HEX",
    "task-9fa3c2d1e0b7a6f5, HEX",
  })
  void generatedName_matchesItsPattern(String session, Generated expected) {
    assertThat(SessionNames.generatedName(session)).as(session).isEqualTo(expected);
    assertThat(SessionNames.generated(ROLE_ARN + session)).as(session).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // plain names without digits
        "deploy",
        "alice",
        "GitHubActions",
        "AutoScaling",
        // digits, but in no pattern
        "backup-2024",
        "etl-v2",
        "GitHubActions-12345",
        "botocore-session-",
        "aws-go-sdk-x1",
        // an instance id has 8 or 17 hex digits
        "i-0abc12",
        "i-0abc123def45678",
        // almost a UUID
        "3f2b8c1e-9d4a-4e6b-8f00-1a2b3c4d5e6",
        // 15 hex characters, and 16 letters a to f without any digit
        "9fa3c2d1e0b7a6f",
        "deadbeefdeadbeef",
        // e-mail addresses name a person, whatever digits they carry
        "ana@example.com",
        "jsmith1234567@example.com",
        "0123456789abcdef01@example.com",
      })
  void chosenName_notGenerated(String session) {
    assertThat(SessionNames.generatedName(session)).as(session).isNull();
    assertThat(SessionNames.generated(ROLE_ARN + session)).as(session).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // IAM Identity Center names the session after the user, digits or not
        "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_0a1b2c3d4e5f6a7b/u1234567",
        "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_ReadOnly_0a1b/ana@example.com",
        // digits in the role name, not in the session name
        "arn:aws:sts::111122223333:assumed-role/ci-1234567/deploy",
        // not role sessions
        "arn:aws:iam::111122223333:user/ci-1234567",
        "arn:aws:iam::111122223333:role/deploy",
        "arn:aws:sts::111122223333:federated-user/bot-1234567",
        "ci-1234567@project.iam.gserviceaccount.com",
        "0e1f2a3b-4c5d-6e7f-8a9b-0c1d2e3f4a5b",
        "unknown",
      })
  void otherPrincipal_notGenerated(String principal) {
    assertThat(SessionNames.generated(principal)).as(principal).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws-cn:sts::111122223333:assumed-role/deploy/GitHubActions-10000123",
        "arn:aws-us-gov:sts::111122223333:assumed-role/deploy/GitHubActions-10000123",
      })
  void otherPartition_generated(String principal) {
    assertThat(SessionNames.generated(principal)).isEqualTo(Generated.DIGITS);
  }
}
