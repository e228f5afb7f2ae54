package dev.skywarden.core.posture;

import static dev.skywarden.core.posture.PostureFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostureLoaderTest {

  @Test
  void kinds_recognisedByContentNotName(@TempDir Path dir) throws IOException {
    write(
        dir,
        "report.json",
        PostureFixtures.REPORT_HEADER
            + "<root_account>,arn:aws:iam::1:root,N/A,not_supported,N/A,true,"
            + "false,N/A,N/A,false,N/A,N/A\n");
    write(dir, "policy.csv", "{\"bindings\": [], \"etag\": \"x\", \"version\": 1}");
    write(dir, "notes.txt", "hello");
    write(dir, "cfg.json", "{\"production\": [\"p\"]}");

    PostureInputs inputs = new PostureLoader().load(dir);

    assertThat(inputs.exports())
        .extracting(PostureExport::kind)
        .containsExactly(ExportKind.GCP_IAM_POLICY, ExportKind.AWS_CREDENTIAL_REPORT);
    assertThat(inputs.config().production()).containsExactly("p");
    assertThat(inputs.ignored()).singleElement().asString().contains("notes.txt");
  }

  @Test
  void csv_wrongFieldCountNamesFileAndLine(@TempDir Path dir) throws IOException {
    write(dir, "r.csv", PostureFixtures.REPORT_HEADER + "alice,arn:aws:iam::1:user/alice\n");

    assertThatThrownBy(() -> new PostureLoader().load(dir))
        .isInstanceOf(PostureInputException.class)
        .hasMessageContaining("r.csv")
        .hasMessageContaining("line 2")
        .hasMessageContaining("2 fields");
  }

  @Test
  void authorizationDetails_wrongTypeNamesFileAndField(@TempDir Path dir) throws IOException {
    write(dir, "a.json", "{\"UserDetailList\": [{\"UserName\": \"x\", \"Arn\": 42}]}");
    PostureInputs inputs = new PostureLoader().load(dir);

    assertThatThrownBy(() -> new PostureAudit().audit(inputs, PostureFixtures.AS_OF))
        .isInstanceOf(PostureInputException.class)
        .hasMessageContaining("a.json")
        .hasMessageContaining("$.UserDetailList[0].Arn")
        .hasMessageContaining("expected text");
  }

  @Test
  void policyStatement_invalidEffectNamesFileAndField(@TempDir Path dir) throws IOException {
    String noEffect = "[{\"Action\": \"*\", \"Resource\": \"*\"}]";
    String lowerCase = "[{\"Effect\": \"allow\", \"Action\": \"*\", \"Resource\": \"*\"}]";
    write(
        dir,
        "a/authz.json",
        PostureFixtures.details(
            List.of(PostureFixtures.user("111111111111", "x", noEffect, "[]")), List.of()));
    write(
        dir,
        "b/authz.json",
        PostureFixtures.details(
            List.of(PostureFixtures.user("111111111111", "y", lowerCase, "[]")), List.of()));

    PostureInputs missing = new PostureLoader().load(dir.resolve("a"));
    assertThatThrownBy(() -> new PostureAudit().audit(missing, PostureFixtures.AS_OF))
        .isInstanceOf(PostureInputException.class)
        .hasMessageContaining("authz.json")
        .hasMessageContaining("$.UserDetailList[0].UserPolicyList[0].PolicyDocument.Statement[0]")
        .hasMessageContaining("Effect");
    PostureInputs invalid = new PostureLoader().load(dir.resolve("b"));
    assertThatThrownBy(() -> new PostureAudit().audit(invalid, PostureFixtures.AS_OF))
        .isInstanceOf(PostureInputException.class)
        .hasMessageContaining("Effect")
        .hasMessageContaining("'allow'");
  }

  @Test
  void registrations_missingMfaFlagNamesField(@TempDir Path dir) throws IOException {
    write(
        dir,
        "e.json",
        "{\"value\": [{\"id\": \"1\", \"userPrincipalName\": \"a@b\","
            + " \"isMfaRegistered\": \"yes\"}]}");
    PostureInputs inputs = new PostureLoader().load(dir);

    assertThatThrownBy(() -> new PostureAudit().audit(inputs, PostureFixtures.AS_OF))
        .hasMessageContaining("e.json")
        .hasMessageContaining("$.value[0].isMfaRegistered");
  }

  @Test
  void json_syntaxErrorNamesFileLineAndColumn(@TempDir Path dir) throws IOException {
    write(dir, "bad.json", "{\"bindings\": [\n  {\"role\": }\n]}");

    assertThatThrownBy(() -> new PostureLoader().load(dir))
        .hasMessageContaining("bad.json")
        .hasMessageContaining("invalid JSON at line 2");
  }

  @Test
  void config_unknownKeyRejected(@TempDir Path dir) throws IOException {
    write(dir, "c.yml", "production: [a]\nstale_dayz: 3\n");

    assertThatThrownBy(() -> new PostureLoader().load(dir))
        .hasMessageContaining("c.yml")
        .hasMessageContaining("line 2: unknown key 'stale_dayz'")
        .hasMessageContaining("(did you mean 'stale_days'?)")
        .hasMessageContaining("known keys: gcp_projects, key_rotation_days, non_production");
  }

  @Test
  void jsonConfig_allKeysMisspeltRejectedWithLine(@TempDir Path dir) throws IOException {
    write(dir, "settings.json", "{\n  \"prodution\": [\"a\"],\n  \"stale-days\": 30\n}\n");

    assertThatThrownBy(() -> new PostureLoader().load(dir))
        .hasMessageContaining("settings.json: line 2: unknown key 'prodution'")
        .hasMessageContaining("(did you mean 'production'?)")
        .hasMessageContaining("known keys: ");
  }

  @Test
  void jsonConfig_misspeltKeyBesideKnownKeyNamesLine(@TempDir Path dir) throws IOException {
    write(
        dir,
        "posture.json",
        "{\"production\": [\"a\"],\n \"organisation_domains\": [\"example.com\"]}");

    assertThatThrownBy(() -> new PostureLoader().load(dir))
        .hasMessageContaining("posture.json: line 2: unknown key 'organisation_domains'")
        .hasMessageContaining("(did you mean 'organization_domains'?)");
  }

  @Test
  void jsonObject_farFromConfigKeysIsIgnored(@TempDir Path dir) throws IOException {
    write(dir, "other.json", "{\"colour\": \"blue\"}");

    PostureInputs inputs = new PostureLoader().load(dir);

    assertThat(inputs.ignored()).singleElement().asString().contains("other.json");
  }

  @Test
  void config_allKeysMisspeltRejectedNotIgnored(@TempDir Path dir) throws IOException {
    write(dir, "posture.yaml", "prodution: [a]\nstale_dayz: 1\n");

    assertThatThrownBy(() -> new PostureLoader().load(dir))
        .hasMessageContaining("posture.yaml")
        .hasMessageContaining("unknown key 'prodution'");
  }

  @Test
  void config_invalidYamlNamesFileLineAndColumn(@TempDir Path dir) throws IOException {
    write(dir, "posture.yml", "production: [a\nstale_days: 1\n");

    assertThatThrownBy(() -> new PostureLoader().load(dir))
        .hasMessageContaining("posture.yml")
        .hasMessageContaining("invalid YAML at line ")
        .hasMessageContaining(", column ");
  }

  @Test
  void credentialReport_missingColumnNamesFileAndColumn(@TempDir Path dir) throws IOException {
    write(dir, "r.csv", "user,arn,mfa_active\nbob,arn:aws:iam::1:user/bob,false\n");

    assertThatThrownBy(() -> new PostureLoader().load(dir))
        .isInstanceOf(PostureInputException.class)
        .hasMessageContaining("r.csv")
        .hasMessageContaining("no column 'user_creation_time'");
  }

  @Test
  void credentialReport_invalidBooleanNamesLineAndField(@TempDir Path dir) throws IOException {
    write(
        dir,
        "r.csv",
        PostureFixtures.REPORT_HEADER
            + "bob,arn:aws:iam::1:user/bob,N/A,false,N/A,true,yes,N/A,N/A,false,N/A,N/A\n");
    PostureInputs inputs = new PostureLoader().load(dir);

    assertThatThrownBy(() -> new PostureAudit().audit(inputs, PostureFixtures.AS_OF))
        .hasMessageContaining("r.csv")
        .hasMessageContaining("line 2, field 'access_key_1_active': expected true or false");
  }

  @Test
  void checks_withoutTheirExportShowAsNotEvaluated(@TempDir Path dir) throws IOException {
    write(
        dir,
        "r.csv",
        PostureFixtures.REPORT_HEADER
            + "bob,arn:aws:iam::1:user/bob,N/A,false,N/A,true,false,N/A,N/A,false,N/A,N/A\n");
    write(dir, "policy.json", "{\"bindings\": [], \"etag\": \"x\", \"version\": 1}");

    PostureResult result = PostureFixtures.audit(dir);

    for (String id :
        List.of("AWS-EXT-01", "AWS-PROD-01", "AWS-PROD-02", "GCP-KEY-01", "GCP-KEY-02")) {
      assertThat(PostureFixtures.statuses(result, id))
          .as(id)
          .containsExactly(CheckStatus.NOT_EVALUATED);
    }
  }

  @Test
  void credentialReport_invalidTimeNamesLineAndField(@TempDir Path dir) throws IOException {
    write(
        dir,
        "r.csv",
        PostureFixtures.REPORT_HEADER
            + "bob,arn:aws:iam::1:user/bob,N/A,true,yesterday,true,false,N/A,N/A,false,N/A,N/A\n");
    PostureInputs inputs = new PostureLoader().load(dir);

    assertThatThrownBy(() -> new PostureAudit().audit(inputs, PostureFixtures.AS_OF))
        .hasMessageContaining("r.csv")
        .hasMessageContaining("line 2, field 'password_last_used'")
        .hasMessageContaining("yesterday");
  }

  @Test
  void size_limitRejectsLargeFile(@TempDir Path dir) throws IOException {
    write(dir, "big.json", "{\"bindings\": []}");

    assertThatThrownBy(() -> new PostureLoader(5).load(dir))
        .hasMessageContaining("big.json: file of 16 bytes is larger than the 5 bytes limit")
        .hasMessageContaining("split it");
  }

  @Test
  void binaryFile_yamlNameRejectedOtherIgnored(@TempDir Path dir) throws IOException {
    byte[] gzip = {(byte) 0x1f, (byte) 0x8b, 0x08, 0x00, (byte) 0xc3, 0x28};
    java.nio.file.Files.write(dir.resolve("exports.json.gz"), gzip);

    PostureInputs inputs = new PostureLoader().load(dir);

    assertThat(inputs.ignored())
        .singleElement()
        .asString()
        .contains("exports.json.gz", "not UTF-8");

    java.nio.file.Files.write(dir.resolve("posture.yml"), gzip);

    assertThatThrownBy(() -> new PostureLoader().load(dir))
        .hasMessageContaining("posture.yml: not UTF-8 text");
  }

  @Test
  void size_limitMessageInMebibytes(@TempDir Path dir) throws IOException {
    write(dir, "authz.json", "{\"bindings\": []}" + " ".repeat(3 * 1024 * 1024));

    assertThatThrownBy(() -> new PostureLoader(2L * 1024 * 1024).load(dir))
        .hasMessageContaining("authz.json: file of 3.0 MiB (3145744 bytes) is larger than the")
        .hasMessageContaining("2.0 MiB (2097152 bytes) limit for one posture export");
  }
}
