package dev.skywarden.core.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skywarden.core.event.ClientFingerprint;
import dev.skywarden.core.event.ClientKind;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientClassifierTest {

  private final ClientClassifier classifier = ClientClassifier.standard();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        "aws-cli/2.15.0 Python/3.11.6 Linux/5.10 exe/x86_64.amzn.2 prompt/off command/s3.ls | AWS_CLI | AWS CLI | 2.15.0",
        "aws-cli/2.13.0 Python/3.11.4 Linux/4.14 exec-env/CloudShell exe/x86_64.amzn.2 command/iam.list-users | CLOUD_SHELL | AWS CloudShell | null",
        "aws-cli/2.15.0 Python/3.11.6 Linux/6.5.0-kali3-amd64 exe/x86_64.kali.2023 | PENTEST_DISTRIBUTION | Kali Linux | null",
        "Boto3/1.26.0 Python/3.9.2 Linux/5.16.0-parrot1-amd64 Botocore/1.29.0 | PENTEST_DISTRIBUTION | Parrot OS | null",
        "APN/1.0 HashiCorp/1.0 Terraform/1.5.7 (+https://www.terraform.io) terraform-provider-aws/5.31.0 | INFRASTRUCTURE_AS_CODE | Terraform | 1.5.7",
        "APN/1.0 HashiCorp/1.0 OpenTofu/1.6.0 (+https://opentofu.org) terraform-provider-aws/5.31.0 | INFRASTRUCTURE_AS_CODE | OpenTofu | 1.6.0",
        "Boto3/1.26.0 Python/3.9 Linux/6.1 Botocore/1.29.0 Pacu/1.5.2 | OFFENSIVE_TOOL | Pacu | 1.5.2",
        "stratus-red-team_4fbc5d44-9c4f-469f-a15b-0c85e6ad3241 | OFFENSIVE_TOOL | Stratus Red Team | null",
        "S3 Browser/11.5.7 https://s3browser.com | OFFENSIVE_TOOL | S3 Browser | 11.5.7",
        "aws-sdk-go/1.44.0 (go1.20; linux; amd64) | AWS_SDK | AWS SDK for Go | 1.44.0",
        "aws-sdk-java/1.12.500 Linux/5.10 OpenJDK_64-Bit_Server_VM/17 | AWS_SDK | AWS SDK for Java | 1.12.500",
        "aws-sdk-js/3.400.0 ua/2.0 os/linux lang/js md/nodejs#18 | AWS_SDK | AWS SDK for JavaScript | 3.400.0",
        "aws-sdk-dotnet-coreclr/3.7.100 aws-sdk-dotnet-core/3.7.100 .NET_Runtime/6.0 | AWS_SDK | AWS SDK for .NET | 3.7.100",
        "AWSPowerShell.Common/4.1.400 .NET_Runtime/4.0 | AWS_POWERSHELL | AWS Tools for PowerShell | 4.1.400",
        "AZURECLI/2.55.0 (DEB) azsdk-python-azure-mgmt-compute/30.0.0 Python/3.11 | AZURE_CLI | Azure CLI | 2.55.0",
        "AZURECLI/2.55.0 (DEB) azsdk-python-core/1.29 Python/3.11 cloud-shell/1.0 | CLOUD_SHELL | Azure Cloud Shell | 1.0",
        "AzurePowershell/v11.1.0 PSVersion/v7.4.0 | AZURE_POWERSHELL | Azure PowerShell | 11.1.0",
        "google-cloud-sdk gcloud/470.0.0 command/gcloud.compute.instances.list invocation-id/x environment/devshell | CLOUD_SHELL | Google Cloud Shell | null",
        "google-cloud-sdk gcloud/470.0.0 command/gcloud.compute.instances.list environment/None | GCLOUD | gcloud CLI | 470.0.0",
        "gl-python/3.11.4 grpc/1.60.0 gax/2.15.0 gccl/2.14.0 | GOOGLE_CLIENT_LIBRARY | Google Cloud Client Library | 2.14.0",
        "ssm.amazonaws.com | CLOUD_SERVICE | ssm.amazonaws.com | null",
        "AWS Internal | CLOUD_SERVICE | AWS Internal | null",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) | BROWSER | Browser | null",
        "python-requests/2.32.3 | SCRIPTED_HTTP | Python Requests | 2.32.3",
        "curl/8.4.0 | SCRIPTED_HTTP | curl | 8.4.0",
        "Go-http-client/1.1 | SCRIPTED_HTTP | Go net/http | 1.1",
        "okhttp/4.12.0 | SCRIPTED_HTTP | OkHttp | 4.12.0",
        "Mozilla/5.0 (Windows NT; Windows NT 10.0; en-US) WindowsPowerShell/5.1.19041.4291 | SCRIPTED_HTTP | Windows PowerShell | 5.1.19041.4291",
        "Mozilla/5.0 (Windows NT 10.0; Microsoft Windows 10.0.22631; en-US) PowerShell/7.4.1 | SCRIPTED_HTTP | PowerShell | 7.4.1",
        "Boto3/1.34.0 md/Botocore#1.34.0 python-requests/2.32.3 | AWS_SDK | AWS SDK for Python (Boto3) | 1.34.0",
        "AzurePowershell/v11.1.0 PSVersion/v7.4.0 PowerShell/7.4.0 | AZURE_POWERSHELL | Azure PowerShell | 11.1.0",
        "my-internal-tool/1.0 | UNKNOWN | null | null"
      })
  void classify_userAgents(String userAgent, ClientKind kind, String product, String version) {
    ClientFingerprint fingerprint = classifier.classify(userAgent, null);

    assertThat(fingerprint.kind()).isEqualTo(kind);
    assertThat(fingerprint.product()).isEqualTo(product);
    assertThat(fingerprint.version()).isEqualTo(version);
  }

  @Test
  void classify_labelsListEveryMatchMostTellingFirst() {
    ClientFingerprint fingerprint =
        classifier.classify(
            "aws-cli/2.15.0 Python/3.11 Linux/6.5.0-kali3-amd64 exec-env/CloudShell botocore/2.0",
            null);

    assertThat(fingerprint.labels())
        .containsExactly(
            "PENTEST_DISTRIBUTION:Kali Linux",
            "CLOUD_SHELL:AWS CloudShell",
            "AWS_CLI:AWS CLI",
            "AWS_SDK:AWS SDK for Python (Botocore)");
    assertThat(fingerprint.has(ClientKind.AWS_CLI)).isTrue();
  }

  @Test
  void classify_azureCliApplicationId() {
    ClientFingerprint fingerprint =
        classifier.classify(null, "04b07795-8ddb-461a-bbee-02f9e1bf7b46");

    assertThat(fingerprint.kind()).isEqualTo(ClientKind.AZURE_CLI);
    assertThat(fingerprint.labels()).containsExactly("AZURE_CLI:Azure CLI");
  }

  @Test
  void classify_awsInternalNeedsConsoleContext() {
    assertThat(classifier.classify("AWS Internal", null, true).kind())
        .isEqualTo(ClientKind.WEB_CONSOLE);
    assertThat(classifier.classify("AWS Internal", null, false).kind())
        .isEqualTo(ClientKind.CLOUD_SERVICE);
  }

  @Test
  void classify_nothingGivenIsUnknown() {
    assertThat(classifier.classify(null, null)).isEqualTo(ClientFingerprint.UNKNOWN);
  }

  @Test
  void with_userEntriesAreTested() throws IOException {
    List<ClientPattern> extra =
        ClientClassifier.readList(
            "mine.tsv",
            new StringReader(
                "# my tools\nOFFENSIVE_TOOL\tua\tprefix\tredteam-kit/\tRedTeamKit\tredteam-kit/([0-9.]+)\n"));

    ClientFingerprint fingerprint =
        classifier.with(extra).classify("redteam-kit/0.3 aws-cli/2.1.0", null);

    assertThat(fingerprint.product()).isEqualTo("RedTeamKit");
    assertThat(fingerprint.version()).isEqualTo("0.3");
  }

  @Test
  void readList_invalidLineNamesLineAndValue() {
    assertThatThrownBy(
            () ->
                ClientClassifier.readList(
                    "mine.tsv", new StringReader("\nNOT_A_KIND\tua\tcontains\tx\tX\t-\n")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mine.tsv:2")
        .hasMessageContaining("NOT_A_KIND");
  }

  @Test
  void standard_listLoadsEveryKindButUnknown() {
    List<ClientKind> kinds =
        classifier.patterns().stream().map(ClientPattern::kind).distinct().toList();

    assertThat(kinds).hasSize(ClientKind.values().length - 1).doesNotContain(ClientKind.UNKNOWN);
  }

  @Test
  void memo_userAgentsDifferingInUnsampledCharacter() {
    // Both user agents are longer than the fully hashed tail and differ only at index 1, which the
    // memo key's sampled hash skips, so both land in one bucket and equals must tell them apart.
    String tail = " Python/3.11.6 Linux/6.1.0 exe/x86_64.debian.12 prompt/off";
    String cli = "aws-cli/2.15.0" + tail;
    String other = "a_s-cli/2.15.0" + tail;

    ClientFingerprint first = classifier.classify(cli, null);
    ClientFingerprint second = classifier.classify(other, null);
    ClientFingerprint again = classifier.classify(new String(cli.toCharArray()), null);

    assertThat(first.kind()).isEqualTo(ClientKind.AWS_CLI);
    assertThat(second.kind()).isNotEqualTo(ClientKind.AWS_CLI);
    assertThat(again).isSameAs(first);
  }

  @Test
  void memoKey_sampledHashDistinguishesTail() {
    String head = "x".repeat(100);

    assertThat(ClientClassifier.MemoKey.sampledHash(head + "describe-instances"))
        .isNotEqualTo(ClientClassifier.MemoKey.sampledHash(head + "describe-volumes"));
    // Index 1 is not sampled, so these two collide on purpose.
    assertThat(ClientClassifier.MemoKey.sampledHash("xy" + head))
        .isEqualTo(ClientClassifier.MemoKey.sampledHash("xz" + head));
    assertThat(new ClientClassifier.MemoKey(head, null, false))
        .isNotEqualTo(new ClientClassifier.MemoKey(head, null, true))
        .isNotEqualTo(new ClientClassifier.MemoKey(head, "app", false))
        .isEqualTo(new ClientClassifier.MemoKey(new String(head.toCharArray()), null, false))
        .hasSameHashCodeAs(
            new ClientClassifier.MemoKey(new String(head.toCharArray()), null, false));
  }
}
